// What archreview does when `.github/archreview.yml` is absent or leaves a key out,
// and where it looks for its own and dependency-cruiser's configuration.
import type { CohesionSettings, Config, GeneratedFiles, LimitGrowth, ResponsibilitySettings } from "./types.js";

/**
 * The configuration of a repository without `.github/archreview.yml`.
 * Deep-frozen because it is shared: take `defaultConfig()` for a copy you may change.
 * `ignore` is empty here, but callers always also leave node_modules out of the graph.
 */
export const DEFAULT_CONFIG: Config = deepFreeze({
  boundaries: [],
  rules: [],
  cycles: { severity: "error", includeTypeOnly: false },
  stability: "warn",
  limits: { fileLines: 500, functionComplexity: 15, publicMethods: 7, severity: "warn" },
  adr: { directory: null, enabled: true },
  forbidden: [],
  ignore: [],
  failOn: "error",
  skipDrafts: false,
});

/**
 * `limits.growth` when the config leaves it out: 10% or 50 lines for files, whichever is larger; for
 * complexity and public methods, whose numbers are small, 10% or 3 decision points / 2 public methods
 * (one more `if` in a function already past the limit is not news; a new branchy path is).
 */
export const DEFAULT_GROWTH: LimitGrowth = deepFreeze({ percent: 10, fileLines: 50, functionComplexity: 3, publicMethods: 2 });

/** `generated` when the config leaves it out: detection on, no extra globs. */
export const DEFAULT_GENERATED: GeneratedFiles = deepFreeze({ ignore: [], include: [] });

/** `cohesion` when the config leaves it out: both findings warn; relational cohesion halved is news (a new file alone is not). */
export const DEFAULT_COHESION: CohesionSettings = deepFreeze({ classes: "warn", boundaries: "warn", relationalDropPercent: 50 });

/** `responsibility` when the config leaves it out: more than 3 other boundaries, or two concerns, in one file. */
export const DEFAULT_RESPONSIBILITY: ResponsibilitySettings = deepFreeze({ severity: "warn", maxBoundaries: 3, maxConcerns: 1 });

/**
 * Concerns a file should not mix: package names (a name also covers its subpaths, `pg` covers `pg/lib/x`)
 * and path globs (patterns with `*`, matched against the repository files a file imports).
 */
export const DEFAULT_CONCERNS: Record<string, string[]> = deepFreeze({
  persistence: ["typeorm", "pg", "mysql", "mysql2", "prisma", "@prisma/client", "mongoose", "mongodb", "sequelize", "knex", "drizzle-orm", "better-sqlite3", "**/repositories/**"],
  http: ["express", "fastify", "koa", "@koa/router", "@hapi/hapi", "@nestjs/common", "next/server"],
  ui: ["react", "react-dom", "vue", "svelte", "@angular/core", "preact", "solid-js"],
});

/** A fresh, mutable copy of DEFAULT_CONFIG. */
export function defaultConfig(): Config {
  return structuredClone(DEFAULT_CONFIG);
}

/** archreview's own config, first existing path wins. */
export const CONFIG_PATHS: readonly string[] = Object.freeze([".github/archreview.yml", ".github/archreview.yaml"]);

/** dependency-cruiser configs archreview can read without running anything. */
export const DEPCRUISE_JSON_PATHS: readonly string[] = Object.freeze([".dependency-cruiser.json"]);

/** dependency-cruiser configs that are code: never executed, only reported (see jsConfigNotice). */
export const DEPCRUISE_CODE_CONFIG_PATHS: readonly string[] = Object.freeze([
  ".dependency-cruiser.js",
  ".dependency-cruiser.cjs",
  ".dependency-cruiser.mjs",
  ".dependency-cruiser.ts",
  ".dependency-cruiser.cts",
  ".dependency-cruiser.mts",
]);

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
