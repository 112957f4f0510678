// The edits of one benchmark branch: exactly `n` changed files, mixing what real pull requests
// do to the import graph (added and removed imports, a few wrong-way imports across layers, one
// new cycle, added and renamed files). Returns file writes; the base model is never mutated.
import path from "node:path";
import { downwardImport, importerCounts, reexportedBy, upwardImport } from "./imports.mjs";
import { renderModule } from "./render-module.mjs";

/** How many files of each kind a change of `n` files touches (the rest are ordinary import edits). */
function mix(n) {
  if (n === 1) return { wrong: 1, cycle: 0, renamed: 0, added: 0 };
  return { wrong: Math.max(1, Math.round(n * 0.03)), cycle: 1, renamed: Math.max(1, Math.round(n * 0.05)), added: Math.max(1, Math.round(n * 0.1)) };
}

const copyOf = (mod, extra = {}) => ({ ...mod, imports: [...mod.imports], ...extra });

/** Retries `make` until it yields an import whose target survives this change (not renamed away). */
function importAvoiding(make, renamed) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const imp = make();
    if (imp && !renamed.has(imp.target.id)) return imp;
  }
  return null;
}

export function planChange(layout, n, rng) {
  const want = mix(n);
  const importers = importerCounts(layout.modules);
  const exported = new Set(layout.packages.flatMap((p) => reexportedBy(p).map((m) => m.id)));
  const pool = rng.shuffle(layout.modules.filter((m) => m.local > 0));
  const taken = new Set();
  const renamed = new Set();
  const take = (accept) => {
    const mod = pool.find((m) => !taken.has(m.id) && accept(m));
    if (mod) taken.add(mod.id);
    return mod;
  };
  const writes = [];
  const summary = { wrongWay: [], cycle: null, renamed: [], added: [], edited: [] };

  // Renamed first, so no edit of this change imports a file that moves away; only files nobody imports move.
  for (let i = 0; i < want.renamed; i++) {
    const mod = take((m) => !importers.get(m.file) && !exported.has(m.id));
    if (!mod) throw new Error("no module without importers left to rename");
    renamed.add(mod.id);
    const srcRel = `${path.posix.dirname(mod.srcRel)}/${path.posix.basename(mod.srcRel).replace(/^[a-z]+-/, "renamed-")}`;
    const moved = copyOf(mod, { srcRel, file: `${mod.pkg.dir}/src/${srcRel}.ts` });
    writes.push({ file: moved.file, previous: mod.file, text: renderModule(moved) });
    summary.renamed.push(`${mod.file} -> ${moved.file}`);
  }
  if (want.cycle) {
    // `a` already imports `b`; `b` now imports `a` back. `a` stays untouched (reserved, not counted).
    const a = take((m) => m.imports.some((i) => i.via === "relative" && i.form === "import" && !taken.has(i.target.id)));
    const b = a.imports.find((i) => i.via === "relative" && i.form === "import" && !taken.has(i.target.id)).target;
    taken.add(b.id);
    const edited = copyOf(b);
    edited.imports.push({ via: "relative", target: a, symbol: a.fn, typeOnly: false, form: "import" });
    writes.push({ file: b.file, text: renderModule(edited) });
    summary.cycle = [a.file, b.file];
  }
  for (let i = 0; i < want.wrong; i++) {
    const mod = take((m) => m.pkg.layerIndex < 4);
    const edited = copyOf(mod);
    const imp = importAvoiding(() => upwardImport(edited, layout, rng), renamed);
    if (imp) edited.imports.push(imp);
    writes.push({ file: mod.file, text: renderModule(edited) });
    summary.wrongWay.push(`${mod.file} -> ${imp ? imp.target.file : "?"}`);
  }
  for (let i = 0; i < want.added; i++) {
    const pkg = rng.pick(layout.packages);
    const sibling = rng.pick(pkg.modules.slice(1));
    const local = pkg.modules.length + i;
    const srcRel = `${path.posix.dirname(sibling.srcRel)}/added-${local}`;
    const ident = `${sibling.ident.replace(/\d+$/, "")}Added${local}`;
    const mod = { id: -1 - i, pkg, local, srcRel, file: `${pkg.dir}/src/${srcRel}.ts`, ident, fn: `create${ident}`, cls: `${ident}Service`, type: `${ident}Options`, seed: rng.int(0, 2 ** 31), imports: [] };
    const wanted = rng.int(3, 8);
    for (let attempt = 0; mod.imports.length < wanted && attempt < 40; attempt++) {
      const imp = importAvoiding(() => downwardImport(mod, layout, rng), renamed);
      if (imp) mod.imports.push(imp);
    }
    writes.push({ file: mod.file, text: renderModule(mod) });
    summary.added.push(mod.file);
  }
  while (writes.length < n) {
    const mod = take(() => true);
    if (!mod) throw new Error(`not enough modules for a change of ${n} files`);
    const edited = copyOf(mod);
    const removable = edited.imports.filter((imp) => imp.form === "import");
    const added = removable.length > 1 && rng.chance(0.5) ? null : importAvoiding(() => downwardImport(edited, layout, rng), renamed);
    if (added) edited.imports.push(added);
    else if (removable.length > 0) edited.imports.splice(edited.imports.indexOf(rng.pick(removable)), 1);
    else continue; // nothing to add or remove here: the file would not change
    writes.push({ file: mod.file, text: renderModule(edited) });
    summary.edited.push(mod.file);
  }
  return { writes, summary };
}
