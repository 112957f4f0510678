// The plain-data model every layer shares: extraction produces snapshots, the core
// turns two snapshots into a Review, the report layer renders it. All serialisable.

import type { PackageImport, SuppressionComment } from "./design-model.js";
import type { MethodGroup, Severity } from "./finding.js";

export type { BoundaryCohesion, ClassCohesion, PackageImport, SuppressedFinding, SuppressionComment } from "./design-model.js";

export type { BoundaryCohesionFigures, ConcernUse, MethodGroup, Finding, FindingCommon, FindingFacts, FindingKind, FindingOf, FindingReason, FindingStatus, Severity } from "./finding.js";

/** One import between two files of the repository (module ids are repo-relative POSIX paths). */
export interface ModuleEdge {
  from: string;
  to: string;
  /** 1-based line of the import in `from`; null when no line could be found. */
  line: number | null;
  /** The import specifier as written (`../domain/user`, `@app/domain`). */
  specifier: string;
  /** Every import of `to` from `from` is type-only. */
  typeOnly: boolean;
  /** Reached only through `import()`. */
  dynamic: boolean;
  /** dependency-cruiser's dependencyTypes (import, require, export, aliased-tsconfig-paths, ...). */
  kinds: string[];
}

/** The import graph of one snapshot, restricted to files of the repository. */
export interface ModuleGraph {
  /** Every source module of the snapshot, sorted. */
  modules: string[];
  /** Edges between modules of the repository, sorted by from, to. */
  edges: ModuleEdge[];
  /** Imports that lead to no analysed module (built-ins, npm packages, non-source files, unresolved), sorted by from, line; for dependency-cruiser's rules. Absent in graphs built before it existed. */
  external?: ExternalImport[];
}

/** An import of a module that leads to no analysed module of the tree, as dependency-cruiser would describe it. */
export interface ExternalImport {
  from: string;
  /** The specifier as written. */
  specifier: string;
  line: number | null;
  /** dependency-cruiser's `resolved`: `fs` for a built-in, the would-be `node_modules/<pkg>/...` path for a package (nothing is installed), the repo path of a non-source file, the specifier when unresolvable. */
  resolved: string;
  /** dependency-cruiser's dependencyTypes: core, npm, npm-dev, npm-peer, npm-optional, npm-no-pkg, npm-unknown, local, aliased..., unknown, undetermined. */
  dependencyTypes: string[];
  coreModule: boolean;
  couldNotResolve: boolean;
  dynamic: boolean;
  typeOnly: boolean;
}

export interface FunctionFact {
  /** `name`, `Class.method`, `<anonymous>` */
  name: string;
  line: number;
  complexity: number;
  /**
   * Identity that survives edits elsewhere in the file: the path of enclosing declarations
   * (class, method, function, variable, property, call + argument position), e.g.
   * `findChangedColumns/columnMetadatas.filter(0)`. Siblings may share it (ordinal is applied when matching).
   */
  key?: string;
  /** What a person recognises: `findChangedColumns › filter callback`; never a bare `<anonymous>`. */
  displayName?: string;
  /** Last line of the function (1-based, inclusive). */
  endLine?: number;
}

export interface ClassFact {
  name: string;
  line: number;
  publicMethods: number;
  /** As FunctionFact.key. */
  key?: string;
  displayName?: string;
  endLine?: number;
  /** LCOM4 components (extract/class-cohesion.ts); LCOM4 is their count. Absent in facts computed before it existed. */
  cohesion?: MethodGroup[];
}

export interface FileFacts {
  lines: number;
  functions: FunctionFact[];
  classes: ClassFact[];
  /** Bare import specifiers (npm packages, aliases), type-only imports left out; for concerns. Absent in older facts. */
  packageImports?: PackageImport[];
  /** Suppression comments of the file. Absent in older facts. */
  suppressions?: SuppressionComment[];
  /** Why the file's functions and classes could not be analysed (e.g. nesting too deep for the parser); absent when they were. */
  unanalysable?: string;
}

/**
 * One changed region between a file's base and head text, as in a unified diff's `@@ -baseStart,baseCount +headStart,headCount @@`:
 * 1-based lines; when a count is 0 its start is the line after which the other side's lines sit (0: at the top).
 */
export interface LineHunk {
  baseStart: number;
  baseCount: number;
  headStart: number;
  headCount: number;
}

/** A violation of a dependency-cruiser `forbidden` rule, found by dependency-cruiser itself. */
export interface ForbiddenViolation {
  rule: string;
  severity: Severity;
  from: string;
  /** A repo file, or a package / core module name for rules about externals. */
  to: string;
  line: number | null;
  comment?: string;
  /** Absent for rules about one import; dependency-cruiser's violation type (module, reachability) for rules about a module: `to` is then the module itself. */
  ruleType?: string;
  /** For a `circular` rule: the cycle dependency-cruiser found through this import, `to` first and `from` last. */
  cycle?: string[];
}

/** Everything the core needs to know about one tree. */
export interface Snapshot {
  /** Commit sha (or a label such as `WORKTREE`). */
  sha: string;
  graph: ModuleGraph;
  /** Facts per module id. */
  facts: Record<string, FileFacts>;
  /** Violations of the dependency-cruiser `forbidden` rules found in this tree. */
  forbiddenViolations: ForbiddenViolation[];
  /** Repo-relative paths of every file (not only modules), used for ADR numbering. */
  files: string[];
}

export type ChangeKind = "added" | "modified" | "deleted" | "renamed";

/** What the PR changed, as git (or the compare API) sees it. */
export interface FileChange {
  kind: ChangeKind;
  path: string;
  /** Previous path, for renames. */
  previousPath?: string;
}

export type * from "./review-model.js";
