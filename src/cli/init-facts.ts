// `archreview init`'s reading of HEAD: the repository's files, and one engine run over the whole tree
// (git's empty tree -> HEAD) with the proposed boundaries and limits of 1, so every import between
// boundaries, every cycle and every file's and function's size comes back as data.
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";
import { proposeBoundaries, type ProposedBoundary, type RepositoryFiles } from "../config/proposal-layout.js";
import { yamlScalar, type TodaysFacts } from "../config/proposal.js";
import { createBoundaryMatcher } from "../core/boundaries.js";
import type { Review } from "../core/model.js";
import type { IsolationLimits, ReviewOutcome, ReviewRequest } from "../engine/index.js";
import { EMPTY_TREE, type Git } from "./git.js";

export type Analyse = (request: ReviewRequest, limits: IsolationLimits, onProgress: (stage: string) => void) => Promise<ReviewOutcome>;

const ADR_DIRECTORIES = ["docs/adr", "doc/adr", "adr", "docs/decisions"];
const DEPCRUISE_JSON = ".dependency-cruiser.json";
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

/** Every regular file under `dir`, as POSIX paths relative to it (links are not followed). */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

const readIfPresent = (file: string): Promise<string | null> => readFile(file, "utf8").catch(() => null);

export async function readRepositoryFiles(dir: string): Promise<RepositoryFiles> {
  return {
    files: (await listFiles(dir)).sort(),
    packageJson: await readIfPresent(path.join(dir, "package.json")),
    pnpmWorkspace: await readIfPresent(path.join(dir, "pnpm-workspace.yaml")),
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
  git: Git;
  headSha: string;
  scratch: string;
  today: string;
  analyse: Analyse;
  limits: IsolationLimits;
  ignore: string[];
}

/** Writes HEAD into the scratch folder, proposes boundaries from its folders and measures it. */
export async function measureHead(m: HeadToMeasure): Promise<HeadFacts> {
  const base = { sha: EMPTY_TREE, dir: path.join(m.scratch, "base") };
  const head = { sha: m.headSha, dir: path.join(m.scratch, "head") };
  await Promise.all([mkdir(base.dir), mkdir(head.dir)]);
  await m.git.materialize(head.sha, head.dir, m.scratch);
  const repo = await readRepositoryFiles(head.dir);
  const boundaries = proposeBoundaries(repo);
  const changes = await m.git.changes(EMPTY_TREE, head.sha);
  const configOverride = { file: "archreview init (measuring HEAD)", text: measuringConfig(boundaries, m.ignore) };
  const { review } = await m.analyse({ base, head, changes, configOverride, today: m.today, cache: null }, m.limits, () => undefined);
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
