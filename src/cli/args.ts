// The command line, read into typed options. Every mistake a person makes at the prompt ends in a
// UsageError that says what to type instead: a misspelt option, a ref given without its flag.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { closest } from "../config/suggest.js";
import { DEFAULT_ISOLATION_LIMITS, type IsolationLimits } from "../engine/standby.js";
import type { ComparedNames } from "../git/asked-ahead.js";
import type { RevisionQuery } from "../git/revision-batch.js";

export const FORMATS = ["text", "markdown", "json", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

/** The commands this build runs (`init` is listed in the help only when it exists). */
export const COMMANDS = ["review", "check"] as const;
export type Command = (typeof COMMANDS)[number];

export class UsageError extends Error {}

interface CommonArgs {
  repo: string | undefined;
  format: Format;
  config: string | undefined;
  cacheDir: string | undefined;
  noCache: boolean;
  /** Progress on stderr from the start (otherwise only once a run has taken a second). */
  progress: boolean;
  limits: IsolationLimits;
}

export interface ReviewArgs extends CommonArgs {
  command: "review";
  base: string;
  head: string;
  /** Review the working tree (staged, unstaged and untracked files) instead of a commit. */
  worktree: boolean;
  mergeBase: boolean;
}

export interface CheckArgs extends CommonArgs {
  command: "check";
  rev: string;
}

export type CliArgs = ReviewArgs | CheckArgs;

type OptionSpec = { type: "string" | "boolean" };

const COMMON_OPTIONS: Record<string, OptionSpec> = {
  repo: { type: "string" },
  format: { type: "string" },
  config: { type: "string" },
  "cache-dir": { type: "string" },
  "no-cache": { type: "boolean" },
  progress: { type: "boolean" },
  timeout: { type: "string" },
  "max-memory": { type: "string" },
};

const OPTIONS: Record<Command, Record<string, OptionSpec>> = {
  review: { ...COMMON_OPTIONS, base: { type: "string" }, head: { type: "string" }, worktree: { type: "boolean" }, "no-merge-base": { type: "boolean" } },
  check: { ...COMMON_OPTIONS, rev: { type: "string" } },
};

/** The label `--head WORKTREE` takes for the working tree (as `--worktree`). */
export const WORKTREE_LABEL = "WORKTREE";

export function parseCommandLine(argv: string[]): CliArgs {
  const command = commandOf(argv);
  const options = OPTIONS[command];
  rejectUnknownOptions(argv, options, command);
  const { values, positionals } = readOptions(argv, options);
  rejectStrayArguments(command, positionals.slice(1), values);
  const common = commonArgs(values);
  if (command === "check") return { command, ...common, rev: stringOf(values.rev) ?? "HEAD" };
  const base = stringOf(values.base);
  if (!base) throw new UsageError("--base is required: the branch the change is for, e.g. `archreview review --base main`");
  const head = stringOf(values.head) ?? "HEAD";
  const worktree = values.worktree === true || head === WORKTREE_LABEL;
  if (values.worktree === true && values.head !== undefined && head !== WORKTREE_LABEL) throw new UsageError("--worktree reviews the working tree: it cannot be combined with --head");
  return { command, ...common, base, head: worktree ? "HEAD" : head, worktree, mergeBase: values["no-merge-base"] !== true };
}

/** What main.ts needs to start the review worker before the rest of the CLI loads: its limits, and the review's cache folder (its code cache is read from there as it boots). */
export interface AnalysisPlan {
  limits: IsolationLimits;
  cacheDir: string | null;
  /**
   * What the command will ask git first (one `git rev-parse`), and in which folder: main.ts asks it at once;
   * and for a review of two revisions, what it compares (main.ts then asks the diff and the head's listing as soon as the rev-parse answers).
   */
  revisions: { query: RevisionQuery; cwd: string; compared: ComparedNames | null };
}

/** The plan of a command line that will run an analysis (review, check), or null for init, --help, --version and usage errors. */
export function analysisPlanOf(argv: string[], env: Record<string, string | undefined>, cwd: string): AnalysisPlan | null {
  if (argv.length === 0 || argv[0] === "init" || argv.some((arg) => arg === "--help" || arg === "-h" || arg === "--version")) return null;
  try {
    const args = parseCommandLine(argv);
    const compared = args.command === "review" && !args.worktree ? { base: args.base, head: args.head, mergeBase: args.mergeBase } : null;
    return { limits: args.limits, cacheDir: reviewCacheDir(args, env, cwd), revisions: { query: revisionsWanted(args), cwd: path.resolve(cwd, args.repo ?? "."), compared } };
  } catch {
    return null; // runCli reports it
  }
}

/**
 * Every revision the command resolves before its review, asked of git at once with the top level:
 * --base, --head, HEAD (review-command's uncommitted-changes note) and their merge base (revisions.ts);
 * or --rev.
 */
export function revisionsWanted(args: CliArgs): RevisionQuery {
  if (args.command === "check") return { names: [args.rev], mergeBaseOf: null };
  const names = args.worktree ? [args.base, args.head] : [args.base, args.head, "HEAD"];
  return { names, mergeBaseOf: args.mergeBase ? { base: args.base, head: args.head } : null };
}

/** Where a review caches graphs and code: --cache-dir, else $XDG_CACHE_HOME/archreview or ~/.cache/archreview; null with --no-cache. */
export function reviewCacheDir(args: Pick<CliArgs, "noCache" | "cacheDir">, env: Record<string, string | undefined>, cwd: string): string | null {
  if (args.noCache) return null;
  return path.resolve(cwd, args.cacheDir ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "archreview"));
}

function commandOf(argv: string[]): Command {
  // A loose read of every command's options: `--repo DIR review` names the command after DIR.
  const all = { ...OPTIONS.review, ...OPTIONS.check };
  const [first] = parseArgs({ args: argv, allowPositionals: true, strict: false, options: all }).positionals;
  if (first === undefined) throw new UsageError(`missing command: ${COMMANDS.join(" or ")}`);
  if ((COMMANDS as readonly string[]).includes(first)) return first as Command;
  const guess = closest(first, COMMANDS);
  throw new UsageError(`unknown command "${printable(first)}"${guess ? ` (did you mean "${guess}"?)` : ""}; the commands are ${COMMANDS.join(", ")}`);
}

/** `--fromat json` -> `unknown option --fromat (did you mean --format?)`, before Node's own message. */
function rejectUnknownOptions(argv: string[], options: Record<string, OptionSpec>, command: Command): void {
  const known = Object.keys(options);
  for (const arg of argv) {
    if (arg === "--") return;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.replace(/^--?/, "").split("=")[0] ?? "";
    if (known.includes(name) && arg.startsWith("--")) continue;
    const guess = closest(name, known);
    const hint = guess ? ` (did you mean --${guess}?)` : `; \`archreview ${command}\` takes ${known.map((k) => `--${k}`).join(", ")}`;
    throw new UsageError(`unknown option ${printable(arg.split("=")[0] ?? arg)}${hint}`);
  }
}

function readOptions(argv: string[], options: Record<string, OptionSpec>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    // Node's messages name internals (`ERR_PARSE_ARGS_...`) and span lines: say it in ours.
    // (Duck-typed: under a test VM the error comes from another realm's Error.)
    const message = typeof error === "object" && error !== null && "message" in error ? String(error.message) : "";
    const option = /'(--[a-z-]+)/.exec(message)?.[1];
    const spec = option ? options[option.slice(2)] : undefined;
    if (option && spec?.type === "string") throw new UsageError(`${option} needs a value, e.g. ${option}=VALUE`);
    if (option && spec?.type === "boolean") throw new UsageError(`${option} takes no value`);
    throw new UsageError(message.split("\n")[0] || "bad arguments");
  }
}

/** `review main` -> did you mean `--base main`? A ref typed without its flag is the usual cause. */
function rejectStrayArguments(command: Command, stray: string[], values: Record<string, unknown>): void {
  const [first] = stray;
  if (first === undefined) return;
  const flag = command === "check" ? (values.rev === undefined ? "--rev" : null) : values.base === undefined ? "--base" : values.head === undefined ? "--head" : null;
  const hint = flag ? `: did you mean \`archreview ${command} ${flag} ${printable(first)}\`?` : "";
  throw new UsageError(`unexpected argument "${printable(first)}"${hint}`);
}

function commonArgs(values: Record<string, string | boolean | undefined>): CommonArgs {
  const format = stringOf(values.format) ?? "text";
  if (!(FORMATS as readonly string[]).includes(format)) {
    const guess = closest(format, FORMATS);
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${printable(format)}")${guess ? `; did you mean ${guess}?` : ""}`);
  }
  return {
    repo: stringOf(values.repo),
    format: format as Format,
    config: stringOf(values.config),
    cacheDir: stringOf(values["cache-dir"]),
    noCache: values["no-cache"] === true,
    progress: values.progress === true,
    limits: {
      timeoutMs: positiveOption("--timeout", stringOf(values.timeout), DEFAULT_ISOLATION_LIMITS.timeoutMs / 1000) * 1000,
      maxHeapMb: Math.floor(positiveOption("--max-memory", stringOf(values["max-memory"]), DEFAULT_ISOLATION_LIMITS.maxHeapMb)),
    },
  };
}

const stringOf = (value: string | boolean | undefined): string | undefined => (typeof value === "string" ? value : undefined);

function positiveOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number (got "${printable(raw)}")`);
  return value;
}

/** What the user typed, safe to echo to a terminal and kept short. */
function printable(text: string): string {
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
  return cleaned.length > 80 ? `${cleaned.slice(0, 80)}…` : cleaned;
}
