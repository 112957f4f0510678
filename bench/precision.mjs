// `npm run precision -- --repo DIR [--from REV] [--count N]`: reviews the last N first-parent commits
// (merges: first parent..merge; squash or direct commits: parent..commit) that change JS/TS files,
// with the built CLI (dist/) and JSON output, and checks every size, complexity and class finding
// against the commit's own diff (lib/precision-check.mjs). Prints per repository: commits reviewed,
// findings, false alarms and examples of them. Exit 1 when there is a false alarm.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parseZeroContextDiff, spanAt, spansOf, touches } from "./lib/precision-check.mjs";

const USAGE = `Usage: npm run precision -- --repo DIR [--from REV] [--count N] [--timeout S] [--examples K] [--no-cache] [--json FILE]

  --repo DIR    a local clone (a --no-checkout clone is enough: only git objects are read)
  --from REV    the newest commit to consider (default: HEAD); history is walked by first parent
  --count N     how many commits that change JS/TS files to review (default: 30)
  --timeout S   per-review limit, passed to the CLI and enforced from outside (default: 180)
  --examples K  false alarms printed per repository (default: 10)
  --no-cache    no graph cache (default: a temporary cache dir, removed at the end)
  --json FILE   also write every finding with its verdict to FILE`;

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli", "main.js");
const SOURCE = /\.(?:[cm]?[jt]sx?)$/i;

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: "string" },
      from: { type: "string" },
      count: { type: "string" },
      timeout: { type: "string" },
      examples: { type: "string" },
      "no-cache": { type: "boolean" },
      json: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help || !values.repo) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const int = (raw, name, fallback) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got "${raw}")`);
    return n;
  };
  return {
    repo: path.resolve(values.repo),
    from: values.from ?? "HEAD",
    count: int(values.count, "--count", 30),
    timeoutS: int(values.timeout, "--timeout", 180),
    examples: int(values.examples, "--examples", 10),
    noCache: values["no-cache"] === true,
    json: values.json ?? null,
  };
}

const git = (repo, args) => execFileSync("git", ["-C", repo, "-c", "core.quotePath=false", ...args], { encoding: "utf8", maxBuffer: 1 << 28 });

/** The newest `count` first-parent commits from `from` whose change has a JS/TS file, newest first. */
function pickCommits(repo, from, count) {
  const picked = [];
  let skipped = 0;
  for (const row of git(repo, ["rev-list", "--first-parent", "--parents", "-n", String(count * 20), from]).trim().split("\n")) {
    const [sha, parent, ...others] = row.split(" ");
    if (!parent) continue; // the root commit has nothing to compare with
    const names = git(repo, ["diff", "--name-only", "--no-renames", parent, sha]).split("\n");
    if (!names.some((n) => SOURCE.test(n))) {
      skipped++;
      continue;
    }
    picked.push({ sha, parent, merge: others.length > 0 });
    if (picked.length === count) break;
  }
  return { picked, skipped };
}

/** One CLI review; resolves { review } or { error } and never hangs past the outer timeout. */
function review(repo, commit, opts, cacheDir) {
  const args = [CLI, "review", "--repo", repo, "--base", commit.parent, "--head", commit.sha, "--format", "json", "--timeout", String(opts.timeoutS)];
  args.push(...(cacheDir ? ["--cache-dir", cacheDir] : ["--no-cache"]));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    const killer = setTimeout(() => child.kill("SIGKILL"), (opts.timeoutS + 60) * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(killer);
      const stderr = Buffer.concat(err).toString("utf8");
      const reason = stderr.split("\n").find((l) => l.startsWith("archreview: ") && !l.endsWith("…")) ?? `exit ${code ?? signal}`;
      if (code !== 0 && code !== 1) return resolve({ error: signal ? `killed by ${signal} after ${opts.timeoutS + 60} s` : reason });
      try {
        resolve({ review: JSON.parse(Buffer.concat(out).toString("utf8")) });
      } catch {
        resolve({ error: code === 1 ? reason : "no JSON on stdout" });
      }
    });
  });
}

/** Verdict for every size finding of one review: ok, false-alarm (with why) or unverifiable. */
function judge(repo, commit, result) {
  const diff = parseZeroContextDiff(git(repo, ["diff", "-U0", "-M", "--no-color", "--no-ext-diff", commit.parent, commit.sha]));
  const spansByFile = new Map();
  const spans = (file) => {
    if (!spansByFile.has(file)) spansByFile.set(file, spansOf(git(repo, ["show", `${commit.sha}:${file}`]), file));
    return spansByFile.get(file);
  };
  const verdicts = [];
  for (const f of result.oversizedFiles) {
    const entry = diff.get(f.file);
    const ok = entry !== undefined && (entry.added || entry.hunks.length > 0);
    verdicts.push({ kind: "file", finding: f, verdict: ok ? "ok" : "false-alarm", why: ok ? null : "file not changed by the commit" });
  }
  const located = [
    ...result.complexFunctions.map((f) => ({ kind: "function", finding: f })),
    ...result.largeClasses.map((f) => ({ kind: "class", finding: f })),
  ];
  for (const { kind, finding } of located) {
    const entry = diff.get(finding.file);
    if (entry === undefined) {
      verdicts.push({ kind, finding, verdict: "false-alarm", why: "file not changed by the commit" });
      continue;
    }
    const span = spanAt(spans(finding.file), kind, finding.line);
    if (span === null) {
      verdicts.push({ kind, finding, verdict: "unverifiable", why: `no ${kind} starts at line ${finding.line} of the head file` });
      continue;
    }
    const t = entry.added ? { span: true, own: true } : touches(span, spans(finding.file), entry.hunks);
    const why = t.own ? null : t.span ? "only lines of nested functions changed" : "lines not touched by the change";
    verdicts.push({ kind, finding: { ...finding, endLine: span.endLine }, verdict: t.own ? "ok" : "false-alarm", why });
  }
  return verdicts;
}

function describe(v, commit) {
  const f = v.finding;
  const what =
    v.kind === "file"
      ? `${f.file}: ${f.lines} lines (base ${f.baseLines ?? "new"})`
      : v.kind === "function"
        ? `${f.file}:${f.line}-${f.endLine ?? "?"} ${f.displayName ?? f.name}: complexity ${f.complexity} (base ${f.baseComplexity ?? "new"}${f.baseLine ? ` at line ${f.baseLine}` : ""})`
        : `${f.file}:${f.line}-${f.endLine ?? "?"} class ${f.displayName ?? f.name}: ${f.publicMethods} public methods (base ${f.basePublicMethods ?? "new"})`;
  return `${commit.sha.slice(0, 10)} ${what}: ${v.why}`;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const { picked, skipped } = pickCommits(opts.repo, opts.from, opts.count);
  const cacheDir = opts.noCache ? null : mkdtempSync(path.join(os.tmpdir(), "archreview-precision-"));
  const all = [];
  const failures = [];
  try {
    for (const [i, commit] of picked.entries()) {
      const result = await review(opts.repo, commit, opts, cacheDir);
      const label = `[${i + 1}/${picked.length}] ${commit.sha.slice(0, 10)} (${commit.merge ? "merge" : "commit"})`;
      if (result.error) {
        failures.push({ commit, error: result.error });
        console.log(`${label} SKIPPED: ${result.error}`);
        continue;
      }
      const verdicts = judge(opts.repo, commit, result.review).map((v) => ({ ...v, commit }));
      all.push(...verdicts);
      const bad = verdicts.filter((v) => v.verdict === "false-alarm").length;
      console.log(`${label} ${verdicts.length} size finding(s), ${bad} false alarm(s)`);
    }
  } finally {
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  }
  const reviewed = picked.length - failures.length;
  const alarms = all.filter((v) => v.verdict === "false-alarm");
  const unverifiable = all.filter((v) => v.verdict === "unverifiable");
  const byKind = (k) => all.filter((v) => v.kind === k).length;
  const oldest = picked.at(-1)?.sha ?? "-";
  const newest = picked[0]?.sha ?? "-";
  console.log(`\nrepository: ${opts.repo}`);
  console.log(`commit range: ${oldest.slice(0, 12)} (oldest) .. ${newest.slice(0, 12)} (newest), first parent from ${opts.from}`);
  console.log(`commits reviewed: ${reviewed} (${picked.filter((c) => c.merge).length} merges among ${picked.length} picked; ${failures.length} skipped on error; ${skipped} without JS/TS changes passed over)`);
  console.log(`findings: ${all.length} (files ${byKind("file")}, functions ${byKind("function")}, classes ${byKind("class")})`);
  console.log(`false alarms: ${alarms.length}${unverifiable.length ? `; unverifiable: ${unverifiable.length}` : ""}`);
  for (const v of [...alarms, ...unverifiable].slice(0, opts.examples)) console.log(`  ${v.verdict}: ${describe(v, v.commit)}`);
  for (const f of failures) console.log(`  skipped ${f.commit.sha.slice(0, 10)}: ${f.error}`);
  if (opts.json) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(opts.json, JSON.stringify({ repo: opts.repo, from: opts.from, oldest, newest, reviewed, failures, findings: all }, null, 2));
  }
  process.exitCode = alarms.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`precision: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
