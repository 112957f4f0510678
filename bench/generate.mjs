// generateMonorepo(dir, { modules, seed }): writes a large, layered TypeScript npm-workspaces
// monorepo into `dir`, commits it as "base" on `main`, and adds branches change-1, change-10 and
// change-100 on top of it. Deterministic: the same options give the same files and commits.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { changedFileCount, git } from "./lib/git.mjs";
import { addCycles, buildImports } from "./lib/imports.mjs";
import { planLayout } from "./lib/layout.mjs";
import { createRng } from "./lib/prng.mjs";
import { renderModule } from "./lib/render-module.mjs";
import { GITIGNORE, archreviewYml, packageJson, rootPackageJson, rootTsconfig } from "./lib/render-project.mjs";
import { planChange } from "./lib/changes.mjs";

export const CHANGE_SIZES = [1, 10, 100];

function write(dir, file, text) {
  const full = path.join(dir, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}

export function generateMonorepo(dir, { modules = 5000, seed = 1 } = {}) {
  const rng = createRng(seed, "monorepo");
  const layout = planLayout(modules, rng.fork("layout"));
  buildImports(layout, rng.fork("imports"));
  const cycles = addCycles(layout, rng.fork("cycles"));

  mkdirSync(dir, { recursive: true });
  write(dir, "package.json", rootPackageJson());
  write(dir, "tsconfig.json", rootTsconfig(layout.packages));
  write(dir, ".gitignore", GITIGNORE);
  write(dir, ".github/archreview.yml", archreviewYml());
  for (const pkg of layout.packages) write(dir, `${pkg.dir}/package.json`, packageJson(pkg));
  for (const mod of layout.modules) write(dir, mod.file, renderModule(mod));

  git(dir, ["init", "-q", "-b", "main"]);
  git(dir, ["add", "-A"]);
  git(dir, ["commit", "-q", "-m", "base"]);

  const changes = [];
  for (const size of CHANGE_SIZES) {
    const branch = `change-${size}`;
    const { writes, summary } = planChange(layout, size, rng.fork(branch));
    git(dir, ["checkout", "-q", "-b", branch, "main"]);
    for (const w of writes) {
      if (w.previous) renameSync(path.join(dir, w.previous), path.join(dir, w.file));
      write(dir, w.file, w.text);
    }
    git(dir, ["add", "-A"]);
    git(dir, ["commit", "-q", "-m", `${size} changed file(s)`]);
    const files = changedFileCount(dir, "main", branch);
    if (files !== size) throw new Error(`${branch}: git sees ${files} changed files, expected ${size}`);
    changes.push({ branch, files, ...summary });
  }
  git(dir, ["checkout", "-q", "main"]);
  const edges = layout.modules.reduce((n, m) => n + m.imports.length, 0);
  return { dir, modules: layout.modules.length, packages: layout.packages.length, imports: edges, cycles, changes };
}

// `node bench/generate.mjs DIR [modules] [seed]`: generate once, to look at the output.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [dir, modules, seed] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node bench/generate.mjs DIR [modules] [seed]");
    process.exit(2);
  }
  rmSync(dir, { recursive: true, force: true });
  const info = generateMonorepo(path.resolve(dir), { modules: Number(modules ?? 5000), seed: Number(seed ?? 1) });
  console.log(JSON.stringify(info, null, 2));
}
