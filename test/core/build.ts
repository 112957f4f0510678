// Small hand-built snapshots for core tests.
import { defaultConfig } from "../../src/config/defaults.js";
import type { Config } from "../../src/config/types.js";
import type { FileFacts, ModuleEdge, Snapshot } from "../../src/core/model.js";

export type EdgeSpec = [from: string, to: string, options?: Partial<ModuleEdge>];

export function edge([from, to, options]: EdgeSpec): ModuleEdge {
  return { from, to, line: 1, specifier: to, typeOnly: false, dynamic: false, kinds: ["import"], ...options };
}

export function snapshot(sha: string, edges: EdgeSpec[], extra: { modules?: string[]; facts?: Record<string, FileFacts> } = {}): Snapshot {
  const built = edges.map(edge);
  const modules = [...new Set([...(extra.modules ?? []), ...built.flatMap((e) => [e.from, e.to])])].sort();
  return { sha, graph: { modules, edges: built }, facts: extra.facts ?? {}, forbiddenViolations: [], files: modules };
}

export function layeredConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...defaultConfig(),
    boundaries: [
      { name: "domain", patterns: ["src/domain/**"] },
      { name: "app", patterns: ["src/app/**"] },
      { name: "infra", patterns: ["src/infra/**"] },
    ],
    rules: [
      { from: "domain", disallow: ["app", "infra"], severity: "error", allowTypeOnly: false },
      { from: "app", allow: ["domain"], severity: "warn", allowTypeOnly: true },
    ],
    ...overrides,
  };
}

export function facts(lines: number, functions: FileFacts["functions"] = [], classes: FileFacts["classes"] = []): FileFacts {
  return { lines, functions, classes };
}
