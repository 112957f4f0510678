// importEsm (extract/esm-import.ts): import() as usual, unless the file that started the review
// worker's bundle lent its own (code compiled from a V8 code cache has no loader for import()).
import { afterEach, describe, expect, it } from "@jest/globals";
import { ESM_IMPORT_HOOK, importEsm } from "../../src/extract/esm-import.js";

const hooks = globalThis as { [ESM_IMPORT_HOOK]?: (specifier: string) => Promise<unknown> };
afterEach(() => {
  delete hooks[ESM_IMPORT_HOOK];
});

describe("importEsm", () => {
  it("imports the module itself without a hook", async () => {
    const path = await importEsm<typeof import("node:path")>("node:path");
    expect(path.posix.join("a", "b")).toBe("a/b");
  });

  it("goes through the hook when one is lent, with the specifier as given", async () => {
    const asked: string[] = [];
    hooks[ESM_IMPORT_HOOK] = async (specifier) => {
      asked.push(specifier);
      return { lent: true };
    };
    await expect(importEsm("file:///somewhere/module.js")).resolves.toEqual({ lent: true });
    expect(asked).toEqual(["file:///somewhere/module.js"]);
  });

  it("keys the hook by a registered symbol, the same in every module copy", () => {
    expect(ESM_IMPORT_HOOK).toBe(Symbol.for("archreview.esm-import"));
  });
});
