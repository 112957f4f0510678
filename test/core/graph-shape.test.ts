// How a configuration shapes the module graph, and that the graph cache keys follow the shape:
// a graph read one way (elided, marked, with exotic requires) is never served for another.
import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { graphShapeOf } from "../../src/config/depcruise-graph-shape.js";
import { defaultConfig } from "../../src/config/defaults.js";
import type { Config } from "../../src/config/types.js";
import { configHash } from "../../src/engine/graphs.js";

const RULE = { name: "no-circular", severity: "error", from: {}, to: { circular: true } };

function config(forbidden: unknown[], depcruiseOptions?: Record<string, unknown>): Config {
  const c = defaultConfig();
  c.forbidden = forbidden;
  if (depcruiseOptions) c.depcruiseOptions = depcruiseOptions;
  return c;
}

const keyOf = (c: Config): string => configHash(c.ignore, graphShapeOf(c));
const legacyKey = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

describe("graph shape", () => {
  it("reads tsPreCompilationDeps as dependency-cruiser does for its rules, and leaves archreview's own graph alone without them", () => {
    expect(graphShapeOf(config([])).elision).toBe("none");
    expect(graphShapeOf(config([], { tsPreCompilationDeps: false })).elision).toBe("drop");
    expect(graphShapeOf(config([RULE])).elision).toBe("mark");
    expect(graphShapeOf(config([RULE], { tsPreCompilationDeps: true })).elision).toBe("none");
    expect(graphShapeOf(config([RULE], { tsPreCompilationDeps: "specify" })).elision).toBe("none");
    expect(graphShapeOf(config([RULE], { tsPreCompilationDeps: false })).elision).toBe("drop");
  });

  it("keys each shape apart, keeps the keys of plain and explicitly eliding graphs, and ignores the order of exotic strings", () => {
    const ignore = defaultConfig().ignore;
    expect(keyOf(config([]))).toBe(legacyKey(ignore));
    expect(keyOf(config([], { tsPreCompilationDeps: false }))).toBe(legacyKey([ignore, { tsPreCompilationDeps: false }]));
    const keys = [
      keyOf(config([])),
      keyOf(config([RULE])),
      keyOf(config([RULE], { tsPreCompilationDeps: false })),
      keyOf(config([RULE], { tsPreCompilationDeps: true, exoticRequireStrings: ["want"] })),
      keyOf(config([RULE], { exoticRequireStrings: ["want"] })),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keyOf(config([RULE], { exoticRequireStrings: ["want", "window.require"] }))).toBe(keyOf(config([RULE], { exoticRequireStrings: ["window.require", "want"] })));
  });
});
