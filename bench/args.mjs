// Command-line options of `npm run bench -- ...`.
import { parseArgs } from "node:util";

export const USAGE = `Usage: npm run bench -- [--modules N] [--seed N] [--runs N] [--depcruise-config]
       npm run bench -- --repo DIR --base REF --head REF [--runs N] [--src DIR ...] [--depcruise-config [--dc-defaults]]

Without --repo: generates a monorepo of N modules (default 5000) with branches change-1,
change-10 and change-100, and compares archreview with dependency-cruiser run on both trees.
With --repo: the same comparison on that repository between --base and --head; the naive run
cruises the --src directories (default: src if it exists at base, else . without node_modules).
--depcruise-config: both sides judge the same dependency-cruiser rules (no-circular and a path
rule, bench/depcruise-config.mjs): the naive run with --config, archreview as forbidden rules,
both with tsPreCompilationDeps true. --dc-defaults: neither side sets it, so both take
dependency-cruiser's default (false: imports TypeScript elides are no dependencies).`;

function positiveInt(value, name, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got "${value}")`);
  return n;
}

export function parseBenchArgs(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      modules: { type: "string" },
      seed: { type: "string" },
      runs: { type: "string" },
      repo: { type: "string" },
      base: { type: "string" },
      head: { type: "string" },
      src: { type: "string", multiple: true },
      "depcruise-config": { type: "boolean" },
      "dc-defaults": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const options = {
    help: values.help ?? false,
    modules: positiveInt(values.modules, "--modules", 5000),
    seed: positiveInt(values.seed, "--seed", 1),
    runs: positiveInt(values.runs, "--runs", 3),
    repo: values.repo ?? null,
    base: values.base ?? null,
    head: values.head ?? null,
    src: values.src ?? [],
    depcruiseConfig: values["depcruise-config"] ?? false,
    dcDefaults: values["dc-defaults"] ?? false,
  };
  if (options.dcDefaults && !options.depcruiseConfig) throw new Error("--dc-defaults goes with --depcruise-config");
  // change-100 edits 100 distinct modules and renames five nobody imports: smaller repos run out.
  if (options.modules < 200) throw new Error("--modules must be at least 200");
  if (options.repo && (!options.base || !options.head)) throw new Error("--repo needs --base and --head");
  if (!options.repo && (options.base || options.head || options.src.length > 0)) throw new Error("--base, --head and --src go with --repo");
  return options;
}
