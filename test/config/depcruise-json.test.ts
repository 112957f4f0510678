import { describe, expect, it } from "@jest/globals";
import { parseDepcruiseJson } from "../../src/config/index.js";
import { stripJsonComments } from "../../src/config/jsonc.js";
import { finishRules } from "../../src/config/depcruise-rules.js";
import type { DepcruiseRules } from "../../src/config/types.js";

const FILE = ".dependency-cruiser.json";

/** The named rules of a file without extends. */
function rulesOf(text: string): DepcruiseRules {
  const parsed = parseDepcruiseJson(text, FILE);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return finishRules(parsed.raw);
}

function lines(...l: string[]): string {
  return l.join("\n") + "\n";
}

describe("parseDepcruiseJson", () => {
  it("returns the forbidden rules of plain JSON, naming unnamed ones by position", () => {
    const text = JSON.stringify({
      forbidden: [{ name: "no-circular", severity: "warn", from: {}, to: { circular: true } }, { from: { path: "^src" }, to: { path: "^test" } }],
      options: { tsConfig: { fileName: "tsconfig.json" } },
    });
    expect(rulesOf(text).forbidden).toEqual([
      { name: "no-circular", severity: "warn", from: {}, to: { circular: true } },
      { name: "forbidden-1", severity: "error", from: { path: "^src" }, to: { path: "^test" } },
    ]);
  });

  it("accepts comments and trailing commas, and keeps // inside strings", () => {
    const text = lines(
      "{",
      "  // rules archreview shares with dependency-cruiser",
      '  "forbidden": [',
      "    /* no reaching into",
      "       the web layer */",
      '    { "from": { "path": "^src/core" }, "to": { "path": "https://x//y" }, },',
      "  ],",
      "}",
    );
    expect(rulesOf(text).forbidden).toEqual([{ name: "forbidden-0", severity: "error", from: { path: "^src/core" }, to: { path: "https://x//y" } }]);
  });

  it("gives [] when there is no forbidden key, and lists extends for the loader", () => {
    const parsed = parseDepcruiseJson('{ "extends": "./base.json", "options": {} }', FILE);
    expect(parsed).toMatchObject({ ok: true, raw: { forbidden: [] }, extends: [{ specifier: "./base.json" }] });
  });

  it("names the line and column of a syntax error, counting lines taken by comments", () => {
    const text = lines("{", "  /* a comment", "     over two lines */", '  "forbidden": [', '    { "from": {} "to": {} }', "  ]", "}");
    const result = parseDepcruiseJson(text, FILE);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ file: FILE, line: 5, column: 18, key: null });
    // The position is what matters; the wording is the YAML parser's.
    expect(result.error.reason).toMatch(/^invalid JSON: Unexpected double-quoted-scalar/);
  });

  it("reports an unclosed block comment where it starts", () => {
    const result = parseDepcruiseJson(lines("{", '  "forbidden": [] /* oops', "}"), FILE);
    expect(result).toEqual({ ok: false, error: { file: FILE, line: 2, column: 19, key: null, reason: "comment is not closed: /* without */" } });
  });

  it("rejects forbidden that is not an array, with key forbidden", () => {
    const result = parseDepcruiseJson(lines("{", '  "forbidden": { "from": {} }', "}"), FILE);
    expect(result).toMatchObject({ ok: false, error: { file: FILE, line: 2, column: 16, key: "forbidden" } });
  });

  it("rejects a rule without to, pointing into the array", () => {
    const result = parseDepcruiseJson(lines("{", '  "forbidden": [', '    { "name": "x", "from": {} }', "  ]", "}"), FILE);
    expect(result).toMatchObject({ ok: false, error: { line: 3, column: 5, key: "forbidden[0].to" } });
  });

  it.each([
    ["an empty file", "", "the file is empty"],
    ["an array", "[]", "expected a JSON object at the top level, got a list"],
  ])("rejects %s", (_what, text, reason) => {
    const result = parseDepcruiseJson(text, FILE);
    expect(result).toMatchObject({ ok: false, error: { file: FILE, key: null, reason: expect.stringContaining(reason) } });
  });
});

describe("stripJsonComments", () => {
  it("blanks comments without moving anything else", () => {
    const text = '{"a": 1, // x\n/* y */"b": "/* not a comment */"}';
    expect(stripJsonComments(text)).toEqual({ ok: true, text: '{"a": 1,     \n       "b": "/* not a comment */"}' });
  });

  it("does not end a string at an escaped quote", () => {
    const text = '{"a": "say \\"//hi\\"" // c\n}';
    expect(stripJsonComments(text)).toEqual({ ok: true, text: '{"a": "say \\"//hi\\""     \n}' });
  });
});
