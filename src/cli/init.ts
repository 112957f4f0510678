// `archreview init [--repo DIR] [--force]`: proposes .github/archreview.yml from what HEAD holds
// today, prints what it found, and writes the file (never over an existing one without --force).
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { CONFIG_PATHS } from "../config/defaults.js";
import { parseConfig } from "../config/parse.js";
import { PROPOSED_IGNORE, renderProposal } from "../config/proposal.js";
import { DEFAULT_ISOLATION_LIMITS } from "../engine/index.js";
import { measureHead, type Analyse } from "./init-facts.js";
import { renderInitSummary } from "./init-summary.js";
import { bareGitDir, EMPTY_TREE, Git, GitError, type GitRunner } from "../git/git.js";

export const INIT_USAGE = `Usage: archreview init [--repo DIR] [--force]

Proposes .github/archreview.yml for the repository from its HEAD commit: boundaries from
its folders (source folders, workspace packages, layers such as domain/application/
infrastructure), a \`disallow\` for every boundary pair with no import today (so the first
review reports nothing old), limits just above today's largest file and function, and
the ADR folder if there is one. Prints the boundaries, the imports between them and the
cycles found today.

  --repo DIR  the repository (default: the current directory)
  --force     overwrite an existing .github/archreview.yml`;

export interface InitIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  git?: GitRunner;
  today?: string;
  analyse?: Analyse;
}

class InitUsageError extends Error {}

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

// The engine loads only when a proposal is measured, as in `review`.
const analyseInThisThread: Analyse = async (request) => (await import("../engine/index.js")).reviewTrees(request);

function parseInitArgs(argv: string[]): { repo: string | undefined; force: boolean } {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { repo: { type: "string" }, force: { type: "boolean" } } });
  if (positionals.length > 0) throw new InitUsageError(`unexpected argument "${positionals.join(" ")}"`);
  return { repo: values.repo, force: values.force === true };
}

async function existingConfig(top: string): Promise<string | null> {
  for (const candidate of CONFIG_PATHS) if (await exists(path.join(top, candidate))) return candidate;
  return null;
}

/** The working tree's top level, where init writes; a bare repository has none, which is said as such. */
async function topLevelToWrite(dir: string, runner: GitRunner | undefined): Promise<string> {
  try {
    return await new Git(dir, runner).topLevel();
  } catch (error) {
    const bare = error instanceof GitError ? await bareGitDir(dir, runner) : null;
    if (bare !== null) throw new GitError(`${bare} is a bare repository: init writes .github/archreview.yml into a working tree; run it in a clone and commit the file`);
    throw error;
  }
}

/** Proposes, checks and writes the config; prints what it found. */
async function proposeAndWrite(args: { repo: string | undefined; force: boolean }, io: InitIO): Promise<number> {
  const top = await topLevelToWrite(path.resolve(io.cwd, args.repo ?? "."), io.git);
  const git = new Git(top, io.git);
  const present = await existingConfig(top);
  if (present && !args.force) {
    io.stderr.write(`archreview: ${present} already exists; run \`archreview init --force\` to replace it with a new proposal.\n`);
    return 2;
  }
  const headSha = (await git.resolveRevision("HEAD")).sha;
  const today = io.today ?? new Date().toISOString().slice(0, 10);
  const changes = await git.changes(EMPTY_TREE, headSha);
  const head = await measureHead({ top, emptyTree: EMPTY_TREE, headSha, changes, today, analyse: io.analyse ?? analyseInThisThread, limits: DEFAULT_ISOLATION_LIMITS, ignore: [...PROPOSED_IGNORE] });
  const text = renderProposal(head.facts);
  const target = CONFIG_PATHS[0] ?? ".github/archreview.yml";
  // What we propose must be what we parse: a proposal the reviewer rejects is our bug.
  const parsed = parseConfig(text, target);
  if (!parsed.ok) throw new Error(`the proposed config does not parse: ${parsed.error.reason}`);
  await mkdir(path.join(top, path.dirname(target)), { recursive: true });
  await writeFile(path.join(top, target), text);
  io.stdout.write(renderInitSummary(head, target));
  return 0;
}

function reportInitFailure(error: unknown, io: InitIO): number {
  const usage = error instanceof InitUsageError || (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"));
  const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
  const known = usage || error instanceof GitError;
  io.stderr.write(`archreview: ${known ? "" : "internal error: "}${firstLine(error)}\n`);
  if (usage) io.stderr.write("Run `archreview init --help` for usage.\n");
  return 2;
}

export async function runInit(argv: string[], io: InitIO): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout.write(INIT_USAGE + "\n");
    return 0;
  }
  try {
    return await proposeAndWrite(parseInitArgs(argv), io);
  } catch (error) {
    return reportInitFailure(error, io);
  }
}
