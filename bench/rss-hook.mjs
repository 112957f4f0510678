// Preloaded into a measured Node process with `node --import`: at exit, writes the process's
// peak resident set size (KB, from getrusage) to the file named by BENCH_RSS_FILE. Measuring from
// inside works the same for every contender and needs no GNU time (Debian images often lack it).
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  // Children inherit the environment; only the measured process itself should report.
  delete process.env.BENCH_RSS_FILE;
  process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
}
