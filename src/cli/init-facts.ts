// `archreview init`'s reading of HEAD: the repository's files, and one engine run over the whole tree
// (git's empty tree -> HEAD) with the proposed boundaries and limits of 1, so every import between
// boundaries, every cycle and every file's and function's size comes back as data.
import picomatch from "picomatch";
import { proposeBoundaries, type ProposedBoundary, type RepositoryFiles } from "../config/proposal-layout.js";
import { yamlScalar, type TodaysFacts } from "../config/proposal.js";
import { createBoundaryMatcher } from "../core/boundaries.js";
import type { FileChange, Review } from "../core/model.js";
import { gitSide, openTrees, readerOf, type IsolationLimits, type OpenTrees, type ReviewOutcome, type ReviewRequest } from "../engine/index.js";

export type Analyse = (request: ReviewRequest, limits: IsolationLimits, onProgress: (stage: string) => void) => Promise<ReviewOutcome>;

const ADR_DIRECTORIES = ["docs/adr", "doc/adr", "adr", "docs/decisions"];
const DEPCRUISE_JSON = ".dependency-cruiser.json";
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/** HEAD's regular files and the manifests the layout reads, from its git objects (links are not files; one out of the tree reads as missing). */
export async function readRepositoryFiles(trees: OpenTrees): Promise<RepositoryFiles> {
  const read = readerOf(trees.head);
  const readIfPresent = (file: string): Promise<string | null> => read(file).catch(() => null);
  return {
    files: (await trees.head.list()).allFiles,
    packageJson: await readIfPresent("package.json"),
    pnpmWorkspace: await readIfPresent("pnpm-workspace.yaml"),
  };
}

/** The config the measuring run uses: the proposed boundaries, limits of 1 so every size is reported, nothing else judged. */
function measuringConfig(boundaries: ProposedBoundary[], ignore: string[]): string {
  const lines = ["boundaries:", ...boundaries.map((b) => `  ${yamlScalar(b.name)}: [${b.patterns.map(yamlScalar).join(", ")}]`)];
  if (boundaries.length === 0) lines.splice(0, 1);
  return [
    ...lines,
    "cycles: { severity: error, includeTypeOnly: false }",
    "stability: off",
    "limits: { fileLines: 1, functionComplexity: 1, publicMethods: 1 }",
    "adr: false",
    `ignore: [${ignore.map(yamlScalar).join(", ")}]`,
    "failOn: never",
    "",
  ].join("\n");
}

/** Imports between boundaries, counted per pair. */
export function boundaryDependencies(review: Review, boundaries: ProposedBoundary[]): Map<string, Map<string, number>> {
  const matcher = createBoundaryMatcher(boundaries);
  const pairs = new Map<string, Map<string, number>>();
  for (const edge of review.edgesAdded) {
    const from = matcher.boundaryOf(edge.from);
    const to = matcher.boundaryOf(edge.to);
    if (from === null || to === null || from === to) continue;
    const row = pairs.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    pairs.set(from, row);
  }
  return pairs;
}

function worstOf(review: Review): TodaysFacts["worst"] {
  const max = (values: number[]): number | null => (values.length === 0 ? null : Math.max(...values));
  return {
    fileLines: max(review.oversizedFiles.map((f) => f.lines)),
    functionComplexity: max(review.complexFunctions.map((f) => f.complexity)),
    publicMethods: max(review.largeClasses.map((c) => c.publicMethods)),
  };
}

export interface HeadFacts {
  facts: TodaysFacts;
  /** Cycles at HEAD, each as its modules in order. */
  cycles: string[][];
  /** Source modules in each boundary at HEAD. */
  modules: Map<string, number>;
}

/** Source files per boundary, after `ignore`. */
function modulesPerBoundary(boundaries: ProposedBoundary[], files: string[], ignore: string[]): Map<string, number> {
  const matcher = createBoundaryMatcher(boundaries);
  const ignored = picomatch(ignore, { dot: true });
  const counts = new Map<string, number>(boundaries.map((b) => [b.name, 0]));
  for (const file of files) {
    const name = SOURCE_FILE.test(file) && !ignored(file) ? matcher.boundaryOf(file) : null;
    if (name !== null) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

export interface HeadToMeasure {
  /** The repository's top level: its git objects are read, nothing is written. */
  top: string;
  /** git's empty tree: HEAD is measured as if every file were new. */
  emptyTree: string;
  headSha: string;
  /** Every file of HEAD, as added since the empty tree. */
  changes: FileChange[];
  today: string;
  analyse: Analyse;
  limits: IsolationLimits;
  ignore: string[];
}

/** Reads HEAD from git objects, proposes boundaries from its folders and measures it against git's empty tree. */
export async function measureHead(m: HeadToMeasure): Promise<HeadFacts> {
  const base = gitSide(m.top, m.emptyTree, "base");
  const head = gitSide(m.top, m.headSha, "head");
  const trees = await openTrees({ base, head });
  const repo = await readRepositoryFiles(trees).finally(() => trees.close());
  const boundaries = proposeBoundaries(repo);
  const configOverride = { file: "archreview init (measuring HEAD)", text: measuringConfig(boundaries, m.ignore) };
  const { review } = await m.analyse({ base, head, changes: m.changes, configOverride, today: m.today, cache: null }, m.limits, () => undefined);
  const has = (p: string): boolean => repo.files.some((f) => f.startsWith(`${p}/`));
  const facts: TodaysFacts = {
    boundaries,
    dependencies: boundaryDependencies(review, boundaries),
    worst: worstOf(review),
    adrDirectory: ADR_DIRECTORIES.find(has) ?? null,
    depcruiseConfig: repo.files.includes(DEPCRUISE_JSON) ? DEPCRUISE_JSON : null,
    ignore: m.ignore,
  };
  return { facts, cycles: review.newCycles.map((c) => c.modules), modules: modulesPerBoundary(boundaries, repo.files, m.ignore) };
}
