// Checks dependency-cruiser configuration against dependency-cruiser's own JSON schema (its compiled
// validator, handed in by the caller: this layer does no I/O) and turns the first schema error into
// a ConfigError at the offending key's line.
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import { childPath, deref, detailAt, indexPath, type ReadContext } from "./nodes.js";
import { ConfigError } from "./errors.js";
import { clip } from "./yaml-errors.js";

export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** An ajv standalone validator: false with `errors` set when the data does not match. */
export type DepcruiseSchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** Throws a ConfigError for the first way `data` (read from `root`, whose keys sit at `prefix`) breaks the schema. */
export function checkDepcruiseSchema(ctx: ReadContext, root: unknown, data: unknown, validate: DepcruiseSchemaValidator, prefix = ""): void {
  if (validate(data)) return;
  const error = mostSpecific(validate.errors ?? []);
  if (error === undefined) throw new ConfigError(detailAt(ctx, root, prefix || null, "does not match dependency-cruiser's configuration schema"));
  const segments = error.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  let { node, key } = locate(ctx, root, segments, prefix);
  const extra = typeof error.params.additionalProperty === "string" ? error.params.additionalProperty : typeof error.params.missingProperty === "string" ? error.params.missingProperty : null;
  if (extra !== null) {
    key = childPath(key, extra);
    if (error.keyword === "additionalProperties") node = keyNodeOf(node, extra) ?? node;
  }
  throw new ConfigError(detailAt(ctx, node, key || null, reasonOf(error, segments)));
}

/** The deepest error (ajv lists every failed branch of a oneOf); the first among equals. */
function mostSpecific(errors: SchemaError[]): SchemaError | undefined {
  const depth = (e: SchemaError): number => e.instancePath.split("/").length + (e.keyword === "required" || e.keyword === "additionalProperties" ? 1 : 0) - (e.keyword === "oneOf" ? 1 : 0);
  return errors.reduce<SchemaError | undefined>((best, e) => (best === undefined || depth(e) > depth(best) ? e : best), undefined);
}

function locate(ctx: ReadContext, root: unknown, segments: string[], prefix: string): { node: unknown; key: string } {
  let node = root;
  let key = prefix;
  for (const segment of segments) {
    const isIndex = /^\d+$/.test(segment) && isSeq(node);
    key = isIndex ? indexPath(key, Number(segment)) : childPath(key, segment);
    const next = isIndex ? (node as YAMLSeq).items[Number(segment)] : isMap(node) ? pairOf(node, segment)?.value : undefined;
    if (next === undefined) break;
    node = deref(ctx, next, key);
  }
  return { node, key };
}

function pairOf(map: YAMLMap, name: string): { key: unknown; value: unknown } | undefined {
  return map.items.find((p) => String((p.key as { value?: unknown } | null)?.value) === name);
}

function keyNodeOf(node: unknown, name: string): unknown {
  return isMap(node) ? pairOf(node, name)?.key : undefined;
}

function reasonOf(error: SchemaError, segments: string[]): string {
  const p = error.params;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown key "${clip(String(p.additionalProperty))}" (not in dependency-cruiser's configuration schema)`;
    case "required":
      return segments.length === 2 && /^(forbidden|required)$/.test(segments[0] as string)
        ? "is missing: a rule needs `from` and `to` (a dependency rule) or `module` (a module rule, e.g. orphan or numberOfDependentsLessThan)"
        : "is missing";
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
    case "oneOf":
      return "matches none of the forms dependency-cruiser accepts here";
    default:
      return error.message ?? `fails the schema's ${error.keyword} check`;
  }
}
