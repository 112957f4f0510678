// Writes one run's results to bench/results/<date-time>.json and bench/results/latest.json
// (the folder is gitignored: results belong to a machine, not to the repository).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");

export function writeResults(results, startedAt) {
  mkdirSync(DIR, { recursive: true });
  const stamp = startedAt.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
  const text = JSON.stringify(results, null, 2) + "\n";
  const file = path.join(DIR, `${stamp}.json`);
  writeFileSync(file, text);
  writeFileSync(path.join(DIR, "latest.json"), text);
  return file;
}
