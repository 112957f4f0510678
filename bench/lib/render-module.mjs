// The text of one generated TypeScript module. The body depends only on the module's own seed,
// never on its imports, so a change that edits imports leaves the rest of the file byte-identical
// (small diffs, and git sees an untouched renamed file as a pure rename).
import { createRng } from "./prng.mjs";
import { specifierOf } from "./imports.mjs";

const WORDS = ["amount", "status", "owner", "region", "channel", "priority", "quota", "window", "retries", "weight"];

export function renderIndex(mod) {
  const lines = [`// Public entry of ${mod.pkg.npm}: what other packages may import.`];
  for (const imp of mod.imports) {
    const spec = specifierOf(mod, imp);
    const t = imp.target;
    lines.push(imp.form === "reexport-named" ? `export { ${t.fn}, ${t.cls}, type ${t.type} } from "${spec}";` : `export * from "${spec}";`);
  }
  lines.push("", `export const PACKAGE_NAME = "${mod.pkg.npm}";`, "");
  return lines.join("\n");
}

function importLines(mod) {
  const lines = [];
  for (const imp of mod.imports) {
    if (imp.form === "dynamic") continue;
    const spec = specifierOf(mod, imp);
    if (imp.form === "reexport") lines.push(`export { ${imp.symbol} } from "${spec}";`);
    else if (imp.typeOnly) lines.push(`import type { ${imp.symbol} } from "${spec}";`);
    else lines.push(`import { ${imp.symbol} } from "${spec}";`);
  }
  return lines;
}

/** Where the imported names are used: one wiring list, one union type, lazy loaders. */
function usageLines(mod) {
  const values = mod.imports.filter((i) => i.form === "import" && !i.typeOnly).map((i) => i.symbol);
  const types = mod.imports.filter((i) => i.form === "import" && i.typeOnly).map((i) => i.symbol);
  const lines = [];
  if (values.length > 0) lines.push(`export const ${lower(mod.ident)}Dependencies = [${values.join(", ")}] as const;`);
  if (types.length > 0) lines.push(`export type ${mod.ident}Related = ${types.join(" | ")};`);
  for (const imp of mod.imports.filter((i) => i.form === "dynamic")) {
    lines.push(`export async function load${imp.symbol.replace(/^create/, "")}Lazily(): Promise<unknown> {`, `  const mod = await import("${specifierOf(mod, imp)}");`, `  return mod.${imp.symbol};`, "}");
  }
  return lines;
}

const lower = (s) => s.charAt(0).toLowerCase() + s.slice(1);

function helper(name, rng) {
  const limit = rng.int(2, 90);
  const word = rng.pick(WORDS);
  return [
    `function ${name}(values: readonly number[]): number {`,
    "  let total = 0;",
    "  for (const value of values) {",
    `    if (value > ${limit}) total += value;`,
    `    else if (value < 0) total -= ${rng.int(1, 9)};`,
    "    else total += 1;",
    "  }",
    `  return total; // ${word}`,
    "}",
    "",
  ];
}

function method(name, type, rng) {
  const word = rng.pick(WORDS);
  return [
    `  ${name}(id: string): ${type} | undefined {`,
    "    const found = this.items.get(id);",
    `    if (!found || found.limit < ${rng.int(0, 50)}) return undefined;`,
    `    return { ...found, tags: [...found.tags, "${word}"] };`,
    "  }",
  ];
}

/** 12 to 65 lines of body: an options interface, a class, a factory and helpers. */
function bodyLines(mod) {
  const rng = createRng(mod.seed, "body");
  const target = rng.int(12, 60);
  const methodCount = rng.int(1, 4);
  const lines = [
    `export interface ${mod.type} {`,
    "  id: string;",
    "  limit: number;",
    "  tags: readonly string[];",
    "}",
    "",
    `export class ${mod.cls} {`,
    `  private readonly items = new Map<string, ${mod.type}>();`,
    "",
    `  add(item: ${mod.type}): void {`,
    "    this.items.set(item.id, item);",
    "  }",
  ];
  for (let m = 0; m < methodCount && lines.length < target - 8; m++) lines.push("", ...method(`find${["", "Active", "Latest", "Tagged"][m]}`, mod.type, rng));
  lines.push(
    "}",
    "",
    `export function ${mod.fn}(options: Partial<${mod.type}> = {}): ${mod.cls} {`,
    `  const service = new ${mod.cls}();`,
    `  service.add({ id: options.id ?? "${mod.ident}", limit: options.limit ?? ${rng.int(1, 500)}, tags: options.tags ?? [] });`,
    "  return service;",
    "}",
    "",
  );
  for (let h = 0; lines.length + 5 < target; h++) lines.push(...helper(`${lower(mod.ident)}Score${h}`, rng));
  return lines;
}

export function renderModule(mod) {
  if (mod.local === 0) return renderIndex(mod);
  const header = `// ${mod.pkg.npm} ${mod.srcRel}: generated benchmark module.`;
  return [header, ...importLines(mod), "", ...bodyLines(mod), ...usageLines(mod), ""].join("\n");
}
