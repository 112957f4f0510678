// The executable starts the review worker before it loads the rest of the CLI and the engine: what
// dist/cli/main.js imports statically (all of it loads before its first line runs) must stay the
// light path to standbyReviewWorker (engine/standby.ts), never the engine's full entry, whose trees'
// readers cost about 30 ms of loading that the worker's boot would otherwise wait for.
// Reads the build (`npx tsc -p tsconfig.json` first, as npm test does).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist");

/** Every file of ours the module loads before it runs: its static imports and re-exports, transitively (type-only ones are gone in the build). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)";/gms)) visit(path.resolve(path.dirname(file), m[1] as string));
    for (const m of text.matchAll(/^import\s+"(\.[^"]+)";/gm)) visit(path.resolve(path.dirname(file), m[1] as string));
  };
  visit(entry);
  return new Set([...seen].map((f) => path.relative(DIST, f)));
}

describe("the executable's first modules", () => {
  const graph = staticGraph(path.join(DIST, "cli/main.js"));

  it("reach the standby worker through the engine's light entry", () => {
    expect(graph).toContain("engine/standby.js");
    expect(graph).toContain("engine/isolated-review.js");
  });

  it("do not load the engine's full entry, its tree readers or the git runner before the worker starts", () => {
    for (const heavy of ["engine/index.js", "engine/tree-sources.js", "engine/on-demand.js", "git/git.js", "cli/run.js"]) expect(graph).not.toContain(heavy);
  });

  it("start the worker before the first dynamic import", () => {
    const text = readFileSync(path.join(DIST, "cli/main.js"), "utf8");
    const started = text.indexOf("standbyReviewWorker(plan.limits");
    expect(started).toBeGreaterThan(0);
    expect(started).toBeLessThan(text.indexOf("await import("));
  });
});
