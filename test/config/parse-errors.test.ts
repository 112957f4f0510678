// Rejections outside boundaries and rules: syntax, shape, unknown keys, wrong types, ranges.
import { describe, expect, it } from "@jest/globals";
import { FILE, configError, yaml } from "./helpers.js";

interface Case {
  text: string;
  line: number;
  column: number;
  key: string | null;
  reason: string;
}

function expectRejected({ text, line, column, key, reason }: Case): void {
  const error = configError(text);
  expect({ file: error.file, line: error.line, column: error.column, key: error.key }).toEqual({ file: FILE, line, column, key });
  expect(error.reason).toContain(reason);
}

describe("parseConfig YAML syntax errors", () => {
  it("reports the parser's message and position", () => {
    const error = configError(yaml("boundaries:", "  domain: [src/**", "rules: []"));
    expect(error).toMatchObject({ file: FILE, line: 3, column: 1, key: null });
    expect(error.reason).toMatch(/^Flow sequence in block collection must be sufficiently indented and end with a \]$/);
  });

  it("reports duplicate keys at the second occurrence", () => {
    expectRejected({
      text: yaml("boundaries:", "  domain: src/domain/**", "  app: src/app/**", "  domain: src/other/**"),
      line: 4,
      column: 3,
      key: null,
      reason: "Map keys must be unique",
    });
  });

  it("rejects a file with several YAML documents", () => {
    expectRejected({ text: yaml("failOn: warn", "---", "failOn: error"), line: 2, column: 1, key: null, reason: "multiple documents" });
  });
});

describe("parseConfig top level", () => {
  it.each([
    ["a list", yaml("- boundaries"), "got a list"],
    ["a string", yaml("just words"), 'got "just words"'],
  ])("rejects %s at the top level", (_what, text, reason) => {
    expectRejected({ text, line: 1, column: 1, key: null, reason: `expected a mapping of settings at the top level (boundaries:, rules:, ...), ${reason}` });
  });

  it.each([
    ["boundary", "boundaries"],
    ["rule", "rules"],
    ["fail_on", "failOn"],
    ["skipdraft", "skipDrafts"],
  ])("rejects unknown key %s and suggests %s", (typo, known) => {
    expectRejected({ text: yaml("failOn: warn", `${typo}: x`), line: 2, column: 1, key: typo, reason: `unknown key "${typo}" (did you mean "${known}"?)` });
  });

  it("lists the accepted keys when nothing is close", () => {
    const error = configError("colour: blue\n");
    expect(error.reason).toBe(
      'unknown key "colour"; the top level accepts boundaries, rules, cycles, stability, limits, adr, forbidden, allowed, allowedSeverity, required, options, ignore, failOn, skipDrafts, generated, cohesion, concerns, responsibility, suppress',
    );
  });
});

describe("parseConfig section values", () => {
  it.each<Case>([
    { text: "cycles: fatal\n", line: 1, column: 9, key: "cycles", reason: 'must be one of error, warn, off; got "fatal"' },
    { text: "cycles: [error]\n", line: 1, column: 9, key: "cycles", reason: "expected error, warn, off or a mapping" },
    { text: "cycles: { severity: info }\n", line: 1, column: 21, key: "cycles.severity", reason: 'must be one of error, warn, off; got "info"' },
    { text: "cycles: { includeTypeOnly: yes }\n", line: 1, column: 28, key: "cycles.includeTypeOnly", reason: 'expected true or false, got "yes"' },
    { text: "cycles: { severty: warn }\n", line: 1, column: 11, key: "cycles.severty", reason: 'unknown key "severty" (did you mean "severity"?)' },
    { text: "stability: true\n", line: 1, column: 12, key: "stability", reason: "must be one of error, warn, off; got boolean true" },
    { text: "failOn: always\n", line: 1, column: 9, key: "failOn", reason: 'must be one of error, warn, never; got "always"' },
    { text: 'skipDrafts: "no"\n', line: 1, column: 13, key: "skipDrafts", reason: 'expected true or false, got "no"' },
    { text: "ignore: { dist: true }\n", line: 1, column: 9, key: "ignore", reason: "expected a glob or a list of them, got a mapping" },
    { text: "ignore: [dist/**, 3]\n", line: 1, column: 19, key: "ignore[1]", reason: "expected a glob (a string), got number 3" },
  ])("rejects $key at $line:$column", expectRejected);
});

describe("parseConfig limits", () => {
  it.each<Case>([
    { text: "limits: { fileLines: 0 }\n", line: 1, column: 22, key: "limits.fileLines", reason: "must be a positive integer, got number 0" },
    { text: "limits: { functionComplexity: -3 }\n", line: 1, column: 31, key: "limits.functionComplexity", reason: "must be a positive integer" },
    { text: "limits: { publicMethods: 2.5 }\n", line: 1, column: 26, key: "limits.publicMethods", reason: "got number 2.5" },
    { text: 'limits: { fileLines: "500" }\n', line: 1, column: 22, key: "limits.fileLines", reason: 'got "500"' },
    { text: "limits: { severity: off }\n", line: 1, column: 21, key: "limits.severity", reason: 'must be one of error, warn; got "off"' },
    { text: "limits: { maxLines: 10 }\n", line: 1, column: 11, key: "limits.maxLines", reason: 'unknown key "maxLines"; limits accepts fileLines' },
    { text: "limits: { filelines: 10 }\n", line: 1, column: 11, key: "limits.filelines", reason: '(did you mean "fileLines"?)' },
    { text: "limits: 500\n", line: 1, column: 9, key: "limits", reason: "expected a mapping such as { fileLines: 500, severity: warn }, got number 500" },
  ])("rejects $key: $reason", expectRejected);
});

describe("parseConfig adr", () => {
  it.each<Case>([
    { text: "adr: { directory: ../docs }\n", line: 1, column: 19, key: "adr.directory", reason: '".." is not allowed in "../docs"' },
    { text: "adr: { directory: docs/../../x }\n", line: 1, column: 19, key: "adr.directory", reason: "must stay inside the repository" },
    { text: "adr: { directory: /etc/adr }\n", line: 1, column: 19, key: "adr.directory", reason: "relative to the repository root" },
    { text: "adr: { directory: . }\n", line: 1, column: 19, key: "adr.directory", reason: "must name a folder" },
    { text: "adr: { directory: 12 }\n", line: 1, column: 19, key: "adr.directory", reason: "expected a string, got number 12" },
    { text: "adr: { dir: docs/adr }\n", line: 1, column: 8, key: "adr.dir", reason: 'unknown key "dir" (did you mean "directory"?); adr accepts directory, enabled' },
    { text: "adr: docs/adr\n", line: 1, column: 6, key: "adr", reason: 'expected false, true or a mapping such as { directory: docs/adr }, got "docs/adr"' },
  ])("rejects $key: $reason", expectRejected);
});
