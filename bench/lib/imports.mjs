// The import graph of the generated monorepo: who imports whom, and through which kind of
// specifier. Imports point down the layers (or to earlier modules of the same package), so the
// graph is acyclic except for the few cycles added on purpose, as in a real, mostly healthy codebase.
import path from "node:path";

/** Modules a package's index.ts re-exports; `@bench/<pkg>` imports name one of their symbols. */
const INDEX_EXPORTS = 8;
const TYPE_ONLY_SHARE = 0.15;

export function reexportedBy(pkg) {
  return pkg.modules.slice(1, 1 + INDEX_EXPORTS);
}

/** The specifier `from` writes to reach `imp.target`. */
export function specifierOf(from, imp) {
  if (imp.via === "workspace") return imp.target.pkg.npm;
  if (imp.via === "alias") return `${imp.target.pkg.alias}/${imp.target.srcRel}`;
  const rel = path.posix.relative(path.posix.dirname(from.srcRel), imp.target.srcRel);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Identity of what an import reaches, to keep one import per target in a module. */
const targetKey = (imp) => (imp.via === "workspace" ? `ws:${imp.target.pkg.name}` : `m:${imp.target.id}`);

/**
 * One import of `target` (a module, or a package for `@bench/<pkg>`), with a symbol the importing
 * module does not already use; null when every symbol of the target is taken.
 */
function makeImport(from, via, target, rng, typeOnly = rng.chance(TYPE_ONLY_SHARE)) {
  const source = via === "workspace" ? rng.pick(reexportedBy(target.pkg)) : target;
  const used = new Set(from.imports.map((i) => i.symbol));
  const candidates = typeOnly ? [source.type] : rng.shuffle([source.fn, source.cls]);
  const symbol = candidates.find((s) => !used.has(s));
  if (!symbol) return null;
  const imp = { via, target: via === "workspace" ? target.pkg.modules[0] : target, symbol, typeOnly, form: "import" };
  return from.imports.some((i) => targetKey(i) === targetKey(imp)) ? null : imp;
}

function crossPackage(from, pkg, rng) {
  // Half through the package's public entry (`@bench/<pkg>`), half deep through a tsconfig alias.
  if (rng.chance(0.5)) return makeImport(from, "workspace", pkg.modules[0], rng);
  return makeImport(from, "alias", rng.pick(pkg.modules.slice(1)), rng);
}

/** A downward import for `from`: an earlier module of its package, a lower layer, or an earlier package of its layer. */
export function downwardImport(from, layout, rng) {
  const pkg = from.pkg;
  const lowerLayers = layout.packages.filter((p) => p.layerIndex < pkg.layerIndex);
  const sameLayerEarlier = layout.packages.filter((p) => p.layerIndex === pkg.layerIndex && p.position < pkg.position);
  const options = [];
  if (from.local > 1) options.push(["local", 0.55]);
  if (lowerLayers.length > 0) options.push(["lower", 0.3]);
  if (sameLayerEarlier.length > 0) options.push(["peer", 0.15]);
  if (options.length === 0) return null;
  const total = options.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  const kind = options.find(([, w]) => (roll -= w) < 0)?.[0] ?? options[0][0];
  if (kind === "local") {
    // Mostly a neighbour: modules of the same feature folder import each other most.
    // (Files a change adds come after every existing module of their package.)
    const top = Math.min(from.local, pkg.modules.length);
    const back = Math.floor(rng.next() ** 2 * (top - 1));
    return makeImport(from, "relative", pkg.modules[top - 1 - back], rng);
  }
  return crossPackage(from, rng.pick(kind === "lower" ? lowerLayers : sameLayerEarlier), rng);
}

/** An import that breaks the layering: `from` reaches into a higher layer. */
export function upwardImport(from, layout, rng) {
  const higher = layout.packages.filter((p) => p.layerIndex > from.pkg.layerIndex);
  if (higher.length === 0) return null;
  for (let attempt = 0; attempt < 10; attempt++) {
    const imp = crossPackage(from, rng.pick(higher), rng);
    if (imp) return { ...imp, typeOnly: false };
  }
  return null;
}

/** Fills every module's imports: 3-8 each, some turned into re-exports or dynamic imports. */
export function buildImports(layout, rng) {
  for (const pkg of layout.packages) {
    const index = pkg.modules[0];
    reexportedBy(pkg).forEach((target, n) => {
      index.imports.push({ via: "relative", target, symbol: null, typeOnly: false, form: n % 3 === 0 ? "reexport-named" : "reexport-all" });
    });
  }
  for (const mod of layout.modules) {
    if (mod.local === 0) continue;
    const wanted = rng.int(3, 8);
    for (let attempt = 0; mod.imports.length < wanted && attempt < wanted * 4; attempt++) {
      const imp = downwardImport(mod, layout, rng);
      if (imp) mod.imports.push(imp);
    }
    const values = mod.imports.filter((i) => !i.typeOnly && i.via !== "workspace");
    // A few lazy-loaded dependencies and barrel-style re-exports, as real code has.
    if (values.length > 1 && rng.chance(0.03)) values[0].form = "dynamic";
    else if (values.length > 1 && mod.local > 8 && rng.chance(0.03)) values[values.length - 1].form = "reexport";
  }
}

/**
 * Closes a few cycles on purpose: three inside packages (a module imports back one of its
 * importers) and one between two packages of the domain layer. Returns them as [a, b] pairs.
 */
export function addCycles(layout, rng) {
  const cycles = [];
  for (const pkg of rng.shuffle(layout.packages).slice(0, 3)) {
    const candidates = pkg.modules.filter((m) => m.local > 8 && m.imports.some((i) => i.via === "relative" && i.target.local > 8 && i.form === "import"));
    if (candidates.length === 0) continue;
    const a = rng.pick(candidates);
    const b = a.imports.find((i) => i.via === "relative" && i.target.local > 8 && i.form === "import").target;
    const back = makeImport(b, "relative", a, rng, false);
    if (back) {
      b.imports.push(back);
      cycles.push([a.file, b.file]);
    }
  }
  const [first, second] = layout.packages.filter((p) => p.layerIndex === 1);
  const x = rng.pick(second.modules.slice(9));
  const y = rng.pick(first.modules.slice(9));
  if (x && y) {
    const forward = makeImport(x, "alias", y, rng, false);
    const back = makeImport(y, "alias", x, rng, false);
    if (forward) x.imports.push(forward);
    if (back) y.imports.push(back);
    if (forward && back) cycles.push([x.file, y.file]);
  }
  return cycles;
}

/** file -> number of modules importing it (workspace imports count against the package's index). */
export function importerCounts(modules) {
  const counts = new Map();
  for (const mod of modules) for (const imp of mod.imports) counts.set(imp.target.file, (counts.get(imp.target.file) ?? 0) + 1);
  return counts;
}
