// Parity of the parse-tree elision (src/extract/elision-fast.ts) with its reference, TypeScript's
// transpileModule plus a rescan of the output (fast-elision.ts transpiledKinds), on every
// TypeScript file of real repositories, each with its tsconfig's options as the engine finds them
// (compilerOptionsByFile, under dependency-cruiser's flavour defaults). Not part of npm test: it
// reads /tmp/repos. Run `npx tsc -p tsconfig.json` first (it loads dist/).
// Each repository's tree at a commit is unpacked (git archive) into a scratch folder first: the
// clones under /tmp/repos have no work tree, and are never written to.
// Usage: node bench/elision-parity.mjs [repo[@commit] ...]   (default: /tmp/repos/typeorm@0caca21be /tmp/repos/vue@HEAD)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "../dist/extract");
const { compilerOptionsFor, transpiledKinds } = await import(path.join(DIST, "fast-elision.js"));
const { fastElisionVerdict } = await import(path.join(DIST, "elision-fast.js"));
const { scanImportSites } = await import(path.join(DIST, "fast-scan.js"));
const { compilerOptionsByFile } = await import(path.join(DIST, "tsconfig.js"));
const { listFiles } = await import(path.join(DIST, "files.js"));

/** transpile/meta.mjs: the extensions dependency-cruiser reads through the TypeScript transpiler (as fast-elision.ts). */
const TYPESCRIPT_FILE = /\.(d\.)?[cm]?tsx?$/;
const elidable = (s) => !s.typeOnly && (s.kind === "import" || s.kind === "export" || s.kind === "import-equals");
const cpuMs = (start) => {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
};

async function checkRepo(root) {
  const all = await listFiles(root);
  const files = all.filter((f) => TYPESCRIPT_FILE.test(f));
  const optionsByFile = compilerOptionsByFile(root, all, files);
  const tally = { files: files.length, elidable: 0, decided: 0, fallback: 0, mismatches: 0, fastMs: 0, transpileMs: 0, reasons: {} };
  const examples = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), "utf8");
    // As scanModules reads: top-level sites, directives except in .jsx.
    const sites = scanImportSites(text).filter((s) => !s.nested);
    if (!sites.some(elidable)) continue;
    tally.elidable++;
    const options = compilerOptionsFor(file, optionsByFile.get(file));
    let start = process.cpuUsage();
    const verdict = fastElisionVerdict(file, text, sites, options);
    const fast = "kinds" in verdict ? verdict.kinds : null;
    tally.fastMs += cpuMs(start);
    start = process.cpuUsage();
    const reference = transpiledKinds(file, text, sites, options);
    tally.transpileMs += cpuMs(start);
    if (fast === null) {
      tally.fallback++;
      tally.reasons[verdict.fallback] = (tally.reasons[verdict.fallback] ?? 0) + 1;
      continue;
    }
    tally.decided++;
    if (JSON.stringify(fast) !== JSON.stringify(reference)) {
      tally.mismatches++;
      if (examples.length < 10) examples.push({ file, sites: sites.map((s) => `${s.kind} ${s.specifier}`), fast, reference });
    }
  }
  return { tally, examples };
}

/** The tree of `repo` at `commit`, unpacked into a scratch folder (removed by the caller). */
function unpack(repo, commit) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "elision-parity-"));
  execFileSync("sh", ["-c", 'git -C "$0" archive "$1" | tar -x -C "$2"', repo, commit, dir]);
  return dir;
}

const repos = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["/tmp/repos/typeorm@0caca21be", "/tmp/repos/vue@HEAD"];
let mismatches = 0;
for (const spec of repos) {
  const [repo, commit = "HEAD"] = spec.split("@");
  const root = unpack(repo, commit);
  let result;
  try {
    result = await checkRepo(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const { tally, examples } = result;
  mismatches += tally.mismatches;
  const rate = tally.elidable === 0 ? 0 : (100 * tally.fallback) / tally.elidable;
  console.log(
    `${repo}@${commit}: ${tally.files} TypeScript files, ${tally.elidable} with an elidable import; decided from the parse tree ${tally.decided}, ` +
      `fell back to transpileModule ${tally.fallback} (${rate.toFixed(1)}%); mismatches ${tally.mismatches}; ` +
      `CPU: parse-tree path ${tally.fastMs.toFixed(0)} ms (all files tried), transpile ${tally.transpileMs.toFixed(0)} ms`,
  );
  console.log(`  fallbacks by reason: ${JSON.stringify(tally.reasons)}`);
  for (const example of examples) console.log(JSON.stringify(example));
}
process.exitCode = mismatches === 0 ? 0 : 1;
