// Start-up cost: `archreview --help` against a bare `node -e 0`, each run `times` times in turn
// (alternating, so load drifts hit both alike), medians. Issue 9 asks --help <= 4x node -e 0.
import { measure } from "./measure.mjs";
import { median, ratio } from "./stats.mjs";

export async function measureStartup(cli, scratchDir, times = 5) {
  const help = [];
  const bare = [];
  for (let i = 0; i < times; i++) {
    help.push((await measure(cli, ["--help"], { scratchDir })).ms);
    bare.push((await measure("-e", ["0"], { scratchDir })).ms);
  }
  const helpMs = median(help);
  const nodeMs = median(bare);
  return { times, helpMs, nodeMs, ratio: ratio(helpMs, nodeMs), help, bare };
}
