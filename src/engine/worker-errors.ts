// Errors cross the worker boundary as plain data; the typed ones the shells explain are rebuilt.
import { ConfigError } from "../config/errors.js";
import type { ConfigErrorDetail } from "../config/types.js";
import { ForbiddenRulesError } from "../extract/depcruise-run.js";
import { TsConfigExtendsError, type ExtendsProblem } from "../extract/tsconfig-extends.js";

export interface SerializedError {
  name: string;
  message: string;
  detail?: ConfigErrorDetail;
  tsconfig?: { tree: string; problem: ExtendsProblem; chain: string[] };
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ConfigError) return { name: "ConfigError", message: error.message, detail: error.detail };
  if (error instanceof TsConfigExtendsError) return { name: error.name, message: error.message, tsconfig: { tree: error.tree, problem: error.problem, chain: error.chain } };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: "Error", message: String(error) };
}

export function deserializeError(e: SerializedError): Error {
  if (e.name === "ConfigError" && e.detail) return new ConfigError(e.detail);
  if (e.name === "TsConfigExtendsError" && e.tsconfig) return new TsConfigExtendsError(e.tsconfig.tree, e.tsconfig.problem, e.tsconfig.chain);
  if (e.name === "ForbiddenRulesError") return new ForbiddenRulesError(e.message);
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}
