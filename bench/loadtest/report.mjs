// The load check's output: a table on stdout and the full result as JSON in bench/results/.
// Numbers without the machine they were measured on mean little, so it is recorded too.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Nearest-rank percentile of `values` (ms); null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function latencySummary(acks) {
  const ms = acks.map((a) => a.ms);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return { p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)), max: round(ms.length ? Math.max(...ms) : null) };
}

export function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) cpu = line.split(":").slice(1).join(":").trim();
  } catch {
    // not Linux: what Node reports will do
  }
  return { cpu, cores: os.availableParallelism(), memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10, platform: `${os.platform()} ${os.release()} ${os.arch()}`, node: process.version };
}

/** Everything the run learnt, as written to the JSON file. */
export function buildResult({ started, options, version, planned, sent, stoppedEarly, sendSeconds, acks, verdict, drained, endState, drainSeconds, fake, app }) {
  const statuses = {};
  for (const a of acks) {
    const key = a.status === 0 ? "failed" : String(a.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const originals = sent.filter((d) => !d.resend).length;
  return {
    when: new Date(started).toISOString(),
    options,
    machine: machineInfo(),
    version,
    sent: { planned, total: sent.length, originals, resends: sent.length - originals, bursts: new Set(sent.map((d) => d.burst)).size, stoppedEarly, sendSeconds },
    ack: {
      ...latencySummary(acks),
      statuses,
      resends: latencySummary(acks.filter((_, i) => sent[i].resend)),
      errors: [...new Set(acks.filter((a) => a.error).map((a) => a.error))].slice(0, 10),
    },
    verdict,
    timedOut: drained.endedBy === "time bound",
    endedBy: drained.endedBy,
    endState,
    drainSeconds,
    elapsedSeconds: (Date.now() - started) / 1000,
    fake: { requests: Object.fromEntries(fake.requests), tokensIssued: fake.tokensIssued, tarballsBuilt: fake.tarballsBuilt },
    unexpectedRequests: fake.unexpected.length + (fake.unexpected.overflow ?? 0),
    unexpected: fake.unexpected,
    app,
  };
}

const ms = (v) => (v === null ? "n/a" : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);

function endStateText(end) {
  const queue = end.queue ? `queue ${end.queue.waiting ?? 0} waiting, ${end.queue.running ?? 0} running` : "queue unknown";
  const last = end.secondsSinceLastGitHubRequest === null ? "no GitHub request seen" : `last GitHub request ${end.secondsSinceLastGitHubRequest.toFixed(1)} s before the end`;
  return `${queue}; ${last}`;
}

export function formatTable(result) {
  const { sent, ack, verdict: v, unexpectedRequests, elapsedSeconds, timedOut, machine } = result;
  const statuses = Object.entries(ack.statuses).map(([s, n]) => `${s}: ${n}`).join(", ");
  const rows = [
    ["deliveries sent", `${sent.total} (${sent.originals} pushes + ${sent.resends} resent ids) in ${sent.bursts} bursts, ${v.prs} PRs`],
    ["ack latency p50 / p99 / max", `${ms(ack.p50)} / ${ms(ack.p99)} / ${ms(ack.max)}`],
    ["ack statuses", statuses],
    ["reviews completed", v.reviewsCompleted ? `${v.reviewsCompleted} (first ${v.firstReviewSeconds.toFixed(1)} s, last ${v.lastReviewSeconds.toFixed(1)} s after the first delivery)` : "0"],
    ["superseded", `${v.superseded} (by an older push: ${v.supersededByOlderPush})`],
    ["duplicates", `${v.duplicates}${v.duplicates ? "  <-- must be 0" : ""}`],
    ["lost reviews", `${v.lost}${v.lost ? "  <-- must be 0" : ""}`],
    ["left in progress", String(v.inProgressAtEnd)],
    ["comments created / updated", `${v.commentsCreated} / ${v.commentUpdates}`],
    ["last-head conclusions", Object.entries(v.lastHeadConclusions).map(([c, n]) => `${n}x ${c}`).join("; ") || "none"],
    ["unexpected requests", String(unexpectedRequests)],
    ["app at the end", endStateText(result.endState)],
    ["elapsed", `${elapsedSeconds.toFixed(1)} s, ended by: ${result.endedBy}${timedOut ? " (lost includes reviews still under way)" : ""}`],
    ["app version", `${result.version.commit.slice(0, 10)}${result.version.modifiedSources.length ? ` + uncommitted ${[].concat(result.version.modifiedSources).join(", ")}` : ""}`],
    ["machine", `${machine.cores} cores, ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, val]) => `  ${k.padEnd(width)}  ${val}`).join("\n");
}

export function writeResult(repoRoot, result) {
  const dir = path.join(repoRoot, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "loadtest-latest.json");
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}
