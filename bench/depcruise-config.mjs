// `--depcruise-config`: both contenders judge the same dependency-cruiser rules, the two most
// common ones (no-circular and one path rule). The naive side reads them with `--config`;
// archreview reads them as the `forbidden:` of its configuration (the repository's own
// .github/archreview.yml at base, when it has one, plus these rules), given with `--config`.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { git } from "./lib/git.mjs";

export const BENCH_RULES = [
  { name: "no-circular", severity: "error", comment: "a cycle makes modules impossible to understand or test apart", from: {}, to: { circular: true } },
  {
    name: "not-to-test",
    severity: "error",
    comment: "production code must not import test code",
    from: { pathNot: "\\.(spec|test)\\.[cm]?[jt]sx?$|(^|/)(test|tests|__tests__)/" },
    to: { path: "\\.(spec|test)\\.[cm]?[jt]sx?$|(^|/)(test|tests|__tests__)/" },
  },
];

function baseArchreviewYml(repo, base) {
  try {
    return git(repo, ["show", `${base}:.github/archreview.yml`]);
  } catch {
    return "";
  }
}

/** Writes both contenders' configurations into `scratch`; returns their paths. */
export function writeDepcruiseConfigs(scratch, repo, base, { dcDefaults = false } = {}) {
  // The same options on both sides: tsPreCompilationDeps true, or (dcDefaults) unset on both.
  const options = dcDefaults ? null : { tsPreCompilationDeps: true };
  const depcruise = path.join(scratch, "bench-depcruise.json");
  writeFileSync(depcruise, JSON.stringify({ forbidden: BENCH_RULES, ...(options ? { options } : {}) }, null, 2));
  const own = baseArchreviewYml(repo, base);
  if (/^forbidden\s*:/m.test(own)) throw new Error("--depcruise-config: the repository's archreview.yml already has forbidden rules");
  const archreview = path.join(scratch, "bench-archreview.yml");
  // JSON is YAML: the rules appended as one flow mapping entry.
  writeFileSync(archreview, `${own.trimEnd()}\n${own.trim() === "" ? "" : "\n"}forbidden: ${JSON.stringify(BENCH_RULES)}\n${options ? `options: ${JSON.stringify(options)}\n` : ""}`);
  return { depcruise, archreview, dcDefaults };
}
