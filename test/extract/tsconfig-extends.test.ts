// Circular or endless tsconfig `extends` chains are found before tsconfig-paths follows them (it
// recurses without a visited set: "Maximum call stack size exceeded"), and named file by file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { MAX_EXTENDS_DEPTH, TsConfigExtendsError, checkExtendsChain, findExtendsProblem } from "../../src/extract/tsconfig-extends.js";
import { groupByTsConfig } from "../../src/extract/tsconfig.js";
import { buildRawGraph } from "../../src/extract/depcruise-run.js";
import { deserializeError, serializeError } from "../../src/engine/worker-errors.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "archreview-tsconfig-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, unknown>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), typeof content === "string" ? content : JSON.stringify(content));
  }
}

const problemOf = (file = "tsconfig.json") => findExtendsProblem(root, path.join(root, file));

describe("findExtendsProblem", () => {
  it("names a tsconfig that extends itself", () => {
    write({ "tsconfig.json": { extends: "./tsconfig.json", compilerOptions: { baseUrl: "." } } });
    const problem = problemOf();
    expect(problem).toBeInstanceOf(TsConfigExtendsError);
    expect({ problem: problem?.problem, chain: problem?.chain, tree: problem?.tree }).toEqual({ problem: "cycle", chain: ["tsconfig.json", "tsconfig.json"], tree: root });
    expect(problem?.message).toBe("tsconfig.json extends itself");
  });

  it.each([
    ["no .json (tsconfig-paths appends it)", "./tsconfig"],
    ["a bare name (tsconfig-paths joins it to the folder)", "tsconfig.json"],
    ["a path through a folder and back", "./config/../tsconfig.json"],
  ])("sees the self-reference in %s", (_name, value) => {
    write({ "tsconfig.json": { extends: value }, "config/keep.txt": "" });
    expect(problemOf()?.chain).toEqual(["tsconfig.json", "tsconfig.json"]);
  });

  it("names every file of a -> b -> a, and only the loop when it starts deeper", () => {
    write({
      "tsconfig.json": { extends: "./configs/a.json" },
      "configs/a.json": { extends: "./b" },
      "configs/b.json": { extends: "./a.json" },
    });
    const problem = problemOf();
    expect(problem?.chain).toEqual(["configs/a.json", "configs/b.json", "configs/a.json"]);
    expect(problem?.message).toBe("configs/a.json: circular `extends` chain configs/a.json -> configs/b.json -> configs/a.json");
  });

  it("finds a loop behind the second entry of an extends array", () => {
    write({ "tsconfig.json": { extends: ["./base.json", "./loop.json"] }, "base.json": {}, "loop.json": { extends: "./tsconfig.json" } });
    expect(problemOf()?.chain).toEqual(["tsconfig.json", "loop.json", "tsconfig.json"]);
  });

  it("accepts chains that end: a diamond, a missing preset package, a JSONC file with comments", () => {
    write({
      "tsconfig.json": "// the root\n{ \"extends\": [\"./left.json\", \"./right.json\"], /* paths */ \"compilerOptions\": { \"baseUrl\": \".\", }, }\n",
      "left.json": { extends: "./shared.json" },
      "right.json": { extends: "./shared.json" },
      "shared.json": { extends: "@tsconfig/node20/tsconfig.json" },
    });
    expect(problemOf()).toBeNull();
  });

  it(`stops a chain of distinct files deeper than ${MAX_EXTENDS_DEPTH}`, () => {
    const files: Record<string, unknown> = { "tsconfig.json": { extends: "./c0.json" } };
    for (let i = 0; i < 100; i++) files[`c${i}.json`] = { extends: `./c${i + 1}.json` };
    write(files);
    const problem = problemOf();
    expect(problem?.problem).toBe("too-deep");
    expect(problem?.chain).toHaveLength(MAX_EXTENDS_DEPTH + 1);
    expect(problem?.message).toContain(`deeper than ${MAX_EXTENDS_DEPTH} files`);
  });

  it("does not read what is not a regular file (a folder named like a tsconfig)", () => {
    write({ "tsconfig.json": { extends: "./dir.json" }, "dir.json/x": "" });
    expect(problemOf()).toBeNull();
  });
});

describe("where extends is followed", () => {
  it("groupByTsConfig throws the named error instead of overflowing the stack", () => {
    write({ "tsconfig.json": { extends: "./tsconfig.json", compilerOptions: { baseUrl: "." } }, "src/a.ts": "export const a = 1;\n" });
    expect(() => groupByTsConfig(root, ["tsconfig.json", "src/a.ts"], ["src/a.ts"])).toThrow(new TsConfigExtendsError(root, "cycle", ["tsconfig.json", "tsconfig.json"]));
    expect(() => checkExtendsChain(root, path.join(root, "tsconfig.json"))).toThrow("tsconfig.json extends itself");
  });

  it("a package's own tsconfig loop is found too, named from the tree's root", () => {
    write({ "packages/p/tsconfig.json": { extends: "./tsconfig" }, "packages/p/src/a.ts": "export {};\n", "src/b.ts": "export {};\n" });
    expect(() => groupByTsConfig(root, ["packages/p/tsconfig.json", "packages/p/src/a.ts", "src/b.ts"], ["packages/p/src/a.ts", "src/b.ts"])).toThrow(
      "packages/p/tsconfig.json extends itself",
    );
  });

  it("the dependency-cruiser graph build ends in the named error, not a RangeError", async () => {
    write({ "tsconfig.json": { extends: "tsconfig.json", compilerOptions: { baseUrl: ".", paths: { "@/*": ["src/*"] } } }, "src/a.ts": "import { b } from \"@/b\";\nexport const a = b;\n", "src/b.ts": "export const b = 1;\n" });
    const files = ["tsconfig.json", "src/a.ts", "src/b.ts"];
    await expect(buildRawGraph(root, { allFiles: files, sourceFiles: ["src/a.ts", "src/b.ts"], forbidden: [] })).rejects.toThrow(TsConfigExtendsError);
  });

  it("the error crosses the worker boundary with its tree and chain", () => {
    const error = new TsConfigExtendsError(root, "cycle", ["a.json", "b.json", "a.json"]);
    const again = deserializeError(structuredClone(serializeError(error)));
    expect(again).toBeInstanceOf(TsConfigExtendsError);
    expect(again).toMatchObject({ tree: root, problem: "cycle", chain: ["a.json", "b.json", "a.json"], message: error.message });
  });
});
