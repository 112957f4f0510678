// docs/archreview.schema.json and the config parser (src/config) must agree, so editors that
// validate with the schema say what archreview says: every README example and fixture config, the
// configs `init` proposes, and a set of valid and invalid variants go through both. The keys each
// level accepts are also read from the parser's own "accepts ..." message and compared with the schema.
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { parseConfig } from "../../src/config/parse.js";
import { renderProposal } from "../../src/config/proposal.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const schema = JSON.parse(readFileSync(path.join(ROOT, "docs/archreview.schema.json"), "utf8")) as Record<string, unknown>;
const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);

const parserAccepts = (text: string): boolean => parseConfig(text, ".github/archreview.yml").ok;
const schemaAccepts = (text: string): boolean => validate(parseYaml(text) ?? null);

/** ```yaml blocks of the README that are archreview configs (a workflow has `on:` and `jobs:`). */
function readmeConfigs(): string[] {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
  return blocks.filter((b) => !/^(on|jobs|name):/m.test(b) && !/^# yaml-language-server-skip/m.test(b));
}

const FIXTURE_CONFIGS = [".github/archreview.yml", "docs/demo-sample/.github/archreview.yml"];

const proposal = renderProposal({
  boundaries: [
    { name: "domain", patterns: ["src/**/domain/**"], origin: "layer" },
    { name: "ui", patterns: ["src/ui/**"], origin: "folder under src/" },
    { name: "off", patterns: ["packages/off/**"], origin: "workspace package" },
  ],
  dependencies: new Map([["ui", new Map([["domain", 2]])]]),
  worst: { fileLines: 420, functionComplexity: 18, publicMethods: null },
  adrDirectory: "docs/adr",
  depcruiseConfig: ".dependency-cruiser.json",
  ignore: ["test/**", "**/*.test.*"],
});

const B = "boundaries: { a: [src/a/**], b: [src/b/**], c: src/c/** }\n";

const VALID = [
  "",
  "# nothing but a comment\n",
  "boundaries:\nrules:\n",
  `${B}rules:\n  - from: a\n    allow: []\n  - from: b\n    disallow: c\n    severity: warn\n    allowTypeOnly: true\n    comment: why\n`,
  "cycles: off\nstability: error\nadr: false\nfailOn: never\nskipDrafts: true\n",
  "cycles: { includeTypeOnly: true }\nadr: { directory: docs/adr/, enabled: false }\n",
  'ignore: "dist/**"\ngenerated: { ignore: null, include: ["src/api/**"] }\n',
  "limits: { fileLines: 1, growth: { percent: 0, fileLines: 0 } }\n",
  "allowedSeverity: info\nforbidden: []\nallowed: []\nrequired: []\noptions: {}\n",
  'forbidden:\n  - name: no-fs\n    from: { path: "^src/core" }\n    to: { dependencyTypes: [core] }\n',
];

const INVALID = [
  "unknown: 1\n",
  "- a list\n",
  "cycles: sometimes\n",
  "cycles: { severity: error, typeOnly: true }\n",
  "stability: true\n",
  "limits: { fileLines: 0 }\n",
  "limits: { fileLines: 1.5 }\n",
  "limits: { severity: off }\n",
  "limits: { growth: { percent: -1 } }\n",
  "limits: { maxLines: 10 }\n",
  `${B}rules:\n  - from: a\n    allow: [b]\n    disallow: [c]\n`,
  `${B}rules:\n  - from: a\n`,
  `${B}rules:\n  - from: a\n    disallow: []\n`,
  `${B}rules:\n  - disallow: [b]\n`,
  `${B}rules:\n  - from: a\n    disallow: [b]\n    severity: fatal\n`,
  `${B}rules:\n  - from: a\n    disallow: [b]\n    note: x\n`,
  `${B}rules: { from: a, disallow: [b] }\n`,
  "boundaries: { a: [] }\n",
  "boundaries: { a: }\n",
  'boundaries: { a: "" }\n',
  "boundaries: [src/**]\n",
  "failOn: always\n",
  "adr: { directory: /abs/adr }\n",
  "adr: { directory: ../elsewhere }\n",
  'adr: { directory: "docs\\\\adr" }\n',
  "adr: { folder: docs/adr }\n",
  "adr: yes please\n",
  "generated: { exclude: [] }\n",
  'skipDrafts: "true"\n',
  "ignore: [1]\n",
  'ignore: [""]\n',
  "allowedSeverity: fatal\n",
  "forbidden: { name: x }\n",
];

function agree(text: string): { parser: boolean; schema: boolean } {
  return { parser: parserAccepts(text), schema: schemaAccepts(text) };
}

describe("docs/archreview.schema.json agrees with the config parser", () => {
  const examples = [...readmeConfigs().map((t, i) => [`README block ${i + 1}`, t] as const), ...FIXTURE_CONFIGS.map((f) => [f, readFileSync(path.join(ROOT, f), "utf8")] as const), ["an init proposal", proposal] as const];

  it("has README examples and fixtures to check", () => {
    expect(readmeConfigs().length).toBeGreaterThan(0);
  });

  it.each(examples)("accepts %s, as the parser does", (_name, text) => {
    expect(agree(text)).toEqual({ parser: true, schema: true });
  });

  it.each(VALID.map((t) => [t] as const))("both accept %p", (text) => {
    expect(agree(text)).toEqual({ parser: true, schema: true });
  });

  it.each(INVALID.map((t) => [t] as const))("both reject %p", (text) => {
    expect(agree(text)).toEqual({ parser: false, schema: false });
  });
});

describe("the schema names exactly the keys the parser accepts", () => {
  const defs = schema as { properties: Record<string, unknown>; definitions: Record<string, { properties?: Record<string, unknown> }> };
  const props = (node: unknown): string[] => Object.keys((node as { properties?: Record<string, unknown> }).properties ?? {}).sort();
  const objectBranch = (node: unknown): unknown => ((node as { oneOf?: { type?: string }[] }).oneOf ?? []).find((b) => b.type === "object") ?? node;
  const limits = defs.properties.limits as { properties: Record<string, unknown> };

  /** The keys the parser lists when it meets an unknown one at `text`'s `zzz`. */
  function parserKeys(text: string): string[] {
    const result = parseConfig(text, "x.yml");
    if (result.ok) throw new Error("expected the unknown key to be rejected");
    const accepted = /accepts (.*)$/.exec(result.error.reason)?.[1];
    if (!accepted) throw new Error(`no list of keys in: ${result.error.reason}`);
    return accepted.split(", ").sort();
  }

  it.each([
    ["the top level", "zzz: 1\n", Object.keys(defs.properties).sort()],
    ["a rule", `${B}rules:\n  - from: a\n    disallow: [b]\n    zzz: 1\n`, props(defs.definitions.rule)],
    ["cycles", "cycles: { zzz: 1 }\n", props(objectBranch(defs.properties.cycles))],
    ["limits", "limits: { zzz: 1 }\n", props(limits)],
    ["limits.growth", "limits: { growth: { zzz: 1 } }\n", props(limits.properties.growth)],
    ["adr", "adr: { zzz: 1 }\n", props(objectBranch(defs.properties.adr))],
    ["generated", "generated: { zzz: 1 }\n", props(defs.properties.generated)],
  ])("%s", (_where, text, schemaKeys) => {
    expect(schemaKeys.length).toBeGreaterThan(0);
    expect(parserKeys(text)).toEqual(schemaKeys);
  });
});
