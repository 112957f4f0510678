// The SARIF 2.1.0 JSON schema as a package ships it (@microsoft/jest-sarif: the OASIS schema as
// published on SchemaStore, draft-04), compiled with ajv's draft-04 class and its formats.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv, Options, ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";

const require = createRequire(import.meta.url);
// Both are CommonJS: ajv-draft-04's class is its module's `default`; ajv-formats' default import is the plugin or its module.
const Ajv04 = (require("ajv-draft-04") as { default: new (options: Options) => Ajv }).default;
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv) => Ajv;

export const SARIF_SCHEMA_FILE = path.join(path.dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");

// unicodeRegExp off: the schema's `language` pattern has a stray `]` that only the `u` flag rejects.
export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
