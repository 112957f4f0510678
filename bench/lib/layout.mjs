// Where the generated modules live: 20 workspace packages in five layers, each package's
// modules spread over feature folders. Pure data; nothing is written here.

/** Lowest layer first: a layer may import only the layers before it. */
export const LAYERS = [
  { name: "shared", packages: ["utils", "types", "config", "logging"] },
  { name: "domain", packages: ["users", "orders", "billing", "catalog"] },
  { name: "application", packages: ["accounts", "checkout", "invoicing", "search"] },
  { name: "infrastructure", packages: ["postgres", "http", "queue", "cache"] },
  { name: "ui", packages: ["web", "admin", "mobile", "components"] },
];

const FEATURES = [
  "accounts", "audit", "catalog", "events", "exports", "imports", "inventory", "ledger",
  "notifications", "payments", "pricing", "reports", "sessions", "settings", "shipping",
  "tax", "tracking", "workflow", "permissions", "profiles", "discounts", "refunds",
];
const ROLES = [
  "service", "mapper", "policy", "repository", "handler", "validator", "factory", "store",
  "view", "adapter", "query", "command", "model", "helpers", "rules", "presenter",
];
/** Modules per feature folder: a folder of a real codebase rarely holds more. */
const FEATURE_SIZE = 18;

export const pascal = (text) => text.split(/[-_/]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");

/**
 * Splits `modules` files exactly over the packages (index.ts included in each count) and
 * names every module. Returns { packages, modules }; module.local 0 is the package's index.ts.
 */
export function planLayout(moduleCount, rng) {
  const packages = LAYERS.flatMap((layer, layerIndex) =>
    layer.packages.map((short, position) => ({
      layer: layer.name,
      layerIndex,
      position,
      short,
      name: `${layer.name}-${short}`,
      npm: `@bench/${layer.name}-${short}`,
      alias: `@${layer.name}/${short}`,
      dir: `packages/${layer.name}-${short}`,
      modules: [],
    })),
  );
  if (moduleCount < packages.length * 2) throw new Error(`--modules must be at least ${packages.length * 2} (one index and one module per package)`);
  const modules = [];
  const per = Math.floor(moduleCount / packages.length);
  let remainder = moduleCount - per * packages.length;
  for (const pkg of packages) {
    const count = per + (remainder-- > 0 ? 1 : 0);
    const features = rng.shuffle(FEATURES);
    for (let local = 0; local < count; local++) {
      const srcRel = local === 0 ? "index" : `${featureName(features, local)}/${rng.pick(ROLES)}-${local}`;
      const feature = local === 0 ? "" : srcRel.split("/")[0];
      const role = local === 0 ? "index" : srcRel.split("/")[1].replace(/-\d+$/, "");
      const ident = `${pascal(pkg.short)}${pascal(feature.replace(/-\d+$/, ""))}${pascal(role)}${local}`;
      const mod = {
        id: modules.length,
        pkg,
        local,
        srcRel,
        file: `${pkg.dir}/src/${srcRel}.ts`,
        ident,
        fn: `create${ident}`,
        cls: `${ident}Service`,
        type: `${ident}Options`,
        seed: rng.int(0, 2 ** 31),
        imports: [],
      };
      pkg.modules.push(mod);
      modules.push(mod);
    }
  }
  return { packages, modules };
}

/** Feature folder of the local-th module: consecutive modules share a folder, as in real code. */
function featureName(features, local) {
  const index = Math.floor((local - 1) / FEATURE_SIZE);
  const name = features[index % features.length];
  return index < features.length ? name : `${name}-${Math.floor(index / features.length) + 1}`;
}
