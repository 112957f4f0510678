// The engine's door stays light: importing src/engine/index.ts (what the CLI's main thread and the
// App's web role do) loads no analysis module (graphs, review, extractors); reviewTrees and
// planPartialReview load them on first call (engine/on-demand.ts). Runs the built dist.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "@jest/globals";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DOOR = path.join(ROOT, "dist/engine/index.js");
const ANALYSIS = ["dist/engine/review.js", "dist/engine/graphs.js", "dist/engine/partial-review.js", "dist/extract/graph-index.js", "dist/core/review.js"];
let tmp: string;

beforeAll(() => {
  if (!existsSync(DOOR)) throw new Error(`${DOOR} is missing: run npx tsc -p tsconfig.json first`);
  tmp = mkdtempSync(path.join(os.tmpdir(), "archreview-door-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The dist modules a script importing the door loads, by a resolve hook that logs every URL. */
function loadedBy(script: string): string[] {
  const log = path.join(tmp, "loads.txt");
  writeFileSync(log, "");
  const hook = path.join(tmp, "hook.mjs");
  const resolver = `import { appendFileSync } from "node:fs";\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + "\\n"); return r; }`;
  writeFileSync(hook, `import { register } from "node:module";\nregister("data:text/javascript," + encodeURIComponent(${JSON.stringify(resolver)}));\n`);
  execFileSync(process.execPath, ["--import", pathToFileURL(hook).href, "--input-type=module", "-e", script], { env: { ...process.env, NODE_OPTIONS: "" } });
  return readFileSync(log, "utf8").split("\n").filter((u) => u.includes("/dist/")).map((u) => u.slice(u.indexOf("dist/")));
}

it("importing the engine's door loads none of the analysis modules", () => {
  const loaded = loadedBy(`await import(${JSON.stringify(pathToFileURL(DOOR).href)});`);
  expect(loaded).toContain("dist/engine/index.js");
  expect(loaded.filter((u) => ANALYSIS.includes(u))).toEqual([]);
});

it("the first call of planPartialReview loads them (the control: the hook sees them when they load)", () => {
  const call = `const door = await import(${JSON.stringify(pathToFileURL(DOOR).href)}); await door.planPartialReview({ cache: null, mergeBase: "0".repeat(40), changedPaths: [], resolveOverride: async () => null }).catch(() => null);`;
  expect(loadedBy(call)).toEqual(expect.arrayContaining(["dist/engine/partial-review.js"]));
});
