// How a configuration shapes the module graph that extract builds (and the cache key of that
// graph): TypeScript's import elision for dependency-cruiser's view, and exotic require names.
// archreview's own rules count type-only imports unless `tsPreCompilationDeps: false` is set.
import { depcruiseRulesOf } from "./depcruise-rules.js";
import type { Config } from "./types.js";

export interface GraphShape {
  /**
   * "drop": `tsPreCompilationDeps: false` set explicitly, imports TypeScript elides are no edges for
   * any rule; "mark": dependency-cruiser rules with the option unset (its default is false), every
   * import kept for archreview's own rules and the elided ones marked for dependency-cruiser's;
   * "none": nothing elided (no dependency-cruiser rules, or the option true / "specify").
   */
  elision: "none" | "mark" | "drop";
  /** dependency-cruiser's `exoticRequireStrings`: names of functions that act as `require`. */
  exoticRequireStrings: string[];
}

export const PLAIN_GRAPH: GraphShape = { elision: "none", exoticRequireStrings: [] };

function elisionOf(config: Config): GraphShape["elision"] {
  const option = config.depcruiseOptions?.tsPreCompilationDeps;
  if (option === false) return "drop";
  // The option only matters to dependency-cruiser's rules; without them nothing reads its view.
  return option === undefined && depcruiseRulesOf(config) !== null ? "mark" : "none";
}

export function graphShapeOf(config: Config): GraphShape {
  const strings = config.depcruiseOptions?.exoticRequireStrings;
  const exoticRequireStrings = Array.isArray(strings) ? [...new Set(strings.filter((s): s is string => typeof s === "string"))].sort() : [];
  return { elision: elisionOf(config), exoticRequireStrings };
}

/** The parts of a shape that differ from a plain graph, for cache keys (empty for a plain graph, so its keys never change). */
export function shapeKeyParts(shape: GraphShape): Record<string, unknown> {
  const parts: Record<string, unknown> = {};
  if (shape.elision === "drop") parts.tsPreCompilationDeps = false;
  if (shape.elision === "mark") parts.compiledView = "marked";
  if (shape.exoticRequireStrings.length > 0) parts.exoticRequireStrings = shape.exoticRequireStrings;
  return parts;
}
