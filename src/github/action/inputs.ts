// The Action's inputs and environment, as the runner passes them: `with:` inputs as INPUT_<NAME>
// variables (name upper-cased, hyphens kept), the event as a JSON file, the API's URL and the token.
import type { Config } from "../../config/types.js";

export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionInputError";
  }
}

export interface ActionInputs {
  token: string;
  apiUrl: string;
  eventName: string;
  eventPath: string;
  /** The checked-out repository (GITHUB_WORKSPACE). */
  workspace: string;
  /** A config file to judge with instead of the base's, relative to the workspace. */
  config: string | null;
  failOn: Config["failOn"] | null;
  comment: boolean;
  /** Where to write SARIF, relative to the workspace. */
  sarif: string | null;
  /** GITHUB_STEP_SUMMARY: the job summary file, when the runner gives one. */
  summaryPath: string | null;
  /** Identifies this run's check, so a retried create finds it instead of making a second one. */
  runId: string;
}

type Env = Record<string, string | undefined>;

function input(env: Env, name: string): string {
  return (env[`INPUT_${name.toUpperCase()}`] ?? "").trim();
}

function required(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ActionInputError(`${name} is not set: ${what}`);
  return value;
}

function failOnOf(raw: string): Config["failOn"] | null {
  if (raw === "") return null;
  if (raw === "error" || raw === "warn" || raw === "never") return raw;
  throw new ActionInputError(`fail-on must be error, warn or never (got "${raw}")`);
}

function booleanOf(name: string, raw: string, fallback: boolean): boolean {
  if (raw === "") return fallback;
  if (raw === "true" || raw === "false") return raw === "true";
  throw new ActionInputError(`${name} must be true or false (got "${raw}")`);
}

export function readInputs(env: Env): ActionInputs {
  const token = input(env, "github-token");
  if (!token) throw new ActionInputError("the github-token input is empty: leave it unset to use the workflow's GITHUB_TOKEN");
  return {
    token,
    apiUrl: env.GITHUB_API_URL?.trim() || "https://api.github.com",
    eventName: required(env, "GITHUB_EVENT_NAME", "run archreview from a workflow"),
    eventPath: required(env, "GITHUB_EVENT_PATH", "run archreview from a workflow"),
    workspace: env.GITHUB_WORKSPACE?.trim() || process.cwd(),
    config: input(env, "config") || null,
    failOn: failOnOf(input(env, "fail-on")),
    comment: booleanOf("comment", input(env, "comment"), true),
    sarif: input(env, "sarif") || null,
    summaryPath: env.GITHUB_STEP_SUMMARY?.trim() || null,
    runId: `${env.GITHUB_RUN_ID ?? "local"}-${env.GITHUB_RUN_ATTEMPT ?? "1"}`,
  };
}
