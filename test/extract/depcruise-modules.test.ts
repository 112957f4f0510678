// importDepcruiseModule: dependency-cruiser's internal modules come from the worker bundle's copy
// (a table on globalThis, .ci/build-worker.mjs) only when that copy is of the installed version and
// holds the file; otherwise from the installed package's folder, as they did before the bundle.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEPCRUISE_INTERNAL_FILES } from "../../src/engine/depcruise-internals.js";
import {
  DEPCRUISE_SCHEMA_FILE,
  depcruisePackageDir,
  depcruiseVersion,
  importDepcruiseModule,
  INLINED_DEPCRUISE_MODULES,
  type InlinedDepcruiseModules,
} from "../../src/extract/depcruise-package.js";

const holder = globalThis as { [INLINED_DEPCRUISE_MODULES]?: InlinedDepcruiseModules };
const inline = (table: InlinedDepcruiseModules): void => void (holder[INLINED_DEPCRUISE_MODULES] = table);

afterEach(() => {
  delete holder[INLINED_DEPCRUISE_MODULES];
});

describe("importDepcruiseModule", () => {
  it("reads the installed version from the package folder it checks", () => {
    const manifest = JSON.parse(readFileSync(path.join(depcruisePackageDir(), "package.json"), "utf8")) as { version: string };
    expect(depcruiseVersion()).toBe(manifest.version);
    expect(depcruiseVersion()).toMatch(/^17\.4\./);
  });

  it("without a bundle's copy imports the package's own file", async () => {
    const schema = await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE);
    expect(typeof schema.validate).toBe("function");
    const [file, exported] = DEPCRUISE_INTERNAL_FILES[0] as readonly [string, string, string];
    expect(typeof (await importDepcruiseModule(file))[exported]).toBe("function");
  });

  it("takes the bundle's copy of a file when it is of the installed version, evaluating it on each ask", async () => {
    const copy = { validate: () => true };
    let loads = 0;
    inline({ version: depcruiseVersion(), modules: { [DEPCRUISE_SCHEMA_FILE]: () => (loads++, copy) } });
    expect(await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE)).toBe(copy);
    expect(loads).toBe(1);
  });

  it("imports from the package when the bundle's copy is of another version, or lacks the file", async () => {
    const copy = { validate: () => true };
    inline({ version: "17.4.0-another", modules: { [DEPCRUISE_SCHEMA_FILE]: () => copy } });
    const otherVersion = await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE);
    expect(otherVersion).not.toBe(copy);
    expect(typeof otherVersion.validate).toBe("function");
    inline({ version: depcruiseVersion(), modules: { "utl/regex-util.mjs": () => copy } });
    expect(await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE)).not.toBe(copy);
    // An inherited name is no file of the table.
    inline({ version: depcruiseVersion(), modules: Object.create({ [DEPCRUISE_SCHEMA_FILE]: () => copy }) as Record<string, () => Record<string, unknown>> });
    expect(await importDepcruiseModule(DEPCRUISE_SCHEMA_FILE)).not.toBe(copy);
  });

  it("rejects, naming nothing it made up, when the bundle's copy fails to evaluate", async () => {
    inline({ version: depcruiseVersion(), modules: { [DEPCRUISE_SCHEMA_FILE]: () => { throw new Error("evaluation failed"); } } });
    await expect(importDepcruiseModule(DEPCRUISE_SCHEMA_FILE)).rejects.toThrow("evaluation failed");
  });
});
