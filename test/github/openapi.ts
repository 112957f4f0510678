// Checks request bodies the tests capture against GitHub's own REST description (the OpenAPI
// document shipped in @octokit/openapi), so a mock that accepts anything cannot hide a body
// GitHub would answer 422 to. The 13 MB document is loaded once, on first use.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";

type Json = unknown;
type Method = "POST" | "PATCH" | "PUT";
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: Json } | undefined> | undefined>;
  components: { schemas: Record<string, Json>; requestBodies?: Record<string, Json> };
}

// ajv-formats is CommonJS: depending on the loader the default import is the plugin or its module.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv;

/** Where the component schemas live for ajv: `$ref`s in request bodies are rewritten to it. */
const SPEC_ID = "https://openapi.invalid/api.github.com";
const COMPOSITION = new Set(["allOf", "anyOf", "oneOf", "not"]);

let loaded: { spec: OpenApi; ajv: Ajv } | null = null;
const validators = new Map<string, ValidateFunction>();

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * OpenAPI 3.0 to what ajv understands: `nullable` next to a `type` ajv handles itself, but the
 * spec also puts it beside `allOf`/`$ref` alone, which ajv refuses; that becomes `anyOf [.., null]`.
 * With `closed`, objects of the request body itself reject properties the spec does not list:
 * GitHub ignores them silently, which would hide a misspelled parameter. Shared component schemas
 * and branches of allOf/anyOf/oneOf stay open, where closing would reject valid bodies.
 */
function adapt(schema: Json, refBase: string, closed: boolean): Json {
  if (Array.isArray(schema)) return schema.map((s) => adapt(s, refBase, closed));
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) out[key] = `${refBase}${value}`;
    else if (key === "properties" && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, adapt(v, refBase, closed)]));
    else if (key === "example" || key === "examples") continue;
    else out[key] = adapt(value, refBase, closed && !COMPOSITION.has(key));
  }
  if (closed && out.type === "object" && isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true && out.type === undefined) {
    delete out.nullable;
    return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

function load(): { spec: OpenApi; ajv: Ajv } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  const spec = JSON.parse(readFileSync(file, "utf8")) as OpenApi;
  // strict: false because OpenAPI adds keywords JSON Schema lacks (discriminator, readOnly, x-*).
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const format of ["int32", "int64", "double", "binary", "repo.nwo", "timestamp"]) ajv.addFormat(format, true);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: adapt(spec.components.schemas, "", false) } });
  loaded = { spec, ajv };
  return loaded;
}

function resolveRef(spec: OpenApi, value: Json): Json {
  if (!isObject(value) || typeof value.$ref !== "string") return value;
  const name = /^#\/components\/requestBodies\/(.+)$/.exec(value.$ref)?.[1];
  return name === undefined ? value : spec.components.requestBodies?.[name];
}

function validatorFor(method: Method, path: string): ValidateFunction {
  const key = `${method} ${path}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const { spec, ajv } = load();
  const operation = spec.paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`GitHub's REST description has no operation ${key}`);
  const requestBody = resolveRef(spec, operation.requestBody);
  const content = isObject(requestBody) && isObject(requestBody.content) ? requestBody.content["application/json"] : undefined;
  const schema = isObject(content) ? content.schema : undefined;
  if (!isObject(schema)) throw new Error(`${key} takes no JSON request body in GitHub's REST description`);
  const validate = ajv.compile(adapt(schema, SPEC_ID, true) as Record<string, unknown>);
  validators.set(key, validate);
  return validate;
}

/**
 * Throws, listing every schema error, unless `body` is a valid JSON request body for the
 * operation, e.g. `expectValidRequestBody("PATCH", "/repos/{owner}/{repo}/check-runs/{check_run_id}", body)`.
 */
export function expectValidRequestBody(method: Method, path: string, body: unknown): void {
  const validate = validatorFor(method, path);
  if (validate(body)) return;
  const errors = (validate.errors ?? []).map((e) => `  ${e.instancePath || "(body)"} ${e.message ?? "is invalid"} ${JSON.stringify(e.params)}`);
  throw new Error(`Invalid request body for ${method} ${path}:\n${errors.join("\n")}`);
}
