// Which boundary a module belongs to: the first declared boundary whose globs match.
import picomatch from "picomatch";
import type { BoundaryDefinition } from "../config/types.js";

export interface BoundaryMatcher {
  names: string[];
  boundaryOf(file: string): string | null;
}

export function createBoundaryMatcher(definitions: BoundaryDefinition[]): BoundaryMatcher {
  const matchers = definitions.map((d) => ({ name: d.name, test: picomatch(d.patterns, { dot: true }) }));
  const memo = new Map<string, string | null>();
  return {
    names: definitions.map((d) => d.name),
    boundaryOf(file) {
      let name = memo.get(file);
      if (name === undefined) {
        name = matchers.find((m) => m.test(file))?.name ?? null;
        memo.set(file, name);
      }
      return name;
    },
  };
}
