// What a failed GitHub request means: whether GitHub may have done it anyway (ambiguous), whether
// it asks us to slow down (rate limit), and a sentence naming the endpoint for the check run.
import { SECONDARY_LIMIT_FALLBACK_SECONDS } from "./github-policy.js";

/** One attempt got no complete answer in time (thrown by the request gate, see request-gate.ts). */
export class GitHubTimeout extends Error {
  constructor(
    readonly ms: number,
    readonly what: string,
  ) {
    super(`GitHub sent no complete answer within ${ms / 1000} s (${what})`);
    // Not "AbortError": @octokit/request then wraps it in a RequestError (status 500), which
    // plugin-retry retries like a 5xx.
    this.name = "GitHubTimeout";
  }
}

/** The connection broke while a streamed body (the tarball) was being read, on every attempt. */
export class GitHubStreamBroken extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`The connection to GitHub broke while ${what}`, options);
    this.name = "GitHubStreamBroken";
  }
}

/** The gate refused an attempt: the request's retry budget is spent (a safety net, see request-gate.ts). */
export class RetryBudgetSpent extends Error {
  constructor(
    readonly what: string,
    readonly attempts: number,
  ) {
    super(`archreview's retry budget for ${what} is spent`);
    this.name = "RetryBudgetSpent";
  }
}

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  cause?: unknown;
  name?: unknown;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined> };
}

const asErrorLike = (error: unknown): ErrorLike => (typeof error === "object" && error !== null ? (error as ErrorLike) : {});

export function statusOf(error: unknown): number | undefined {
  const status = asErrorLike(error).status;
  return typeof status === "number" ? status : undefined;
}

export function timeoutOf(error: unknown): GitHubTimeout | undefined {
  if (error instanceof GitHubTimeout) return error;
  const cause = asErrorLike(error).cause;
  return cause instanceof GitHubTimeout ? cause : undefined;
}

/**
 * GitHub may have carried out the request although we saw a failure: a 5xx, a timeout or a broken
 * connection (@octokit/request reports the last two as status 500). A 4xx is a definite refusal.
 */
export function isAmbiguous(error: unknown): boolean {
  // Refused by the gate before any attempt: GitHub never saw it.
  const cause = asErrorLike(error).cause;
  const spent = error instanceof RetryBudgetSpent ? error : cause instanceof RetryBudgetSpent ? cause : undefined;
  if (spent && spent.attempts === 0) return false;
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

export interface RateLimit {
  /** Seconds GitHub asks to wait: retry-after, the primary limit's reset, or the documented minimum. */
  waitSeconds: number;
  kind: "secondary" | "primary";
}

/** A 403/429 that means "slow down" (not "forbidden"), with how long GitHub asks to wait. */
export function rateLimitOf(error: unknown, nowMs = Date.now()): RateLimit | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const e = asErrorLike(error);
  const headers = e.response?.headers ?? {};
  const message = typeof e.message === "string" ? e.message : "";
  const retryAfter = headers["retry-after"];
  const secondary = /secondary rate limit|abuse detection/i.test(message);
  const primary = headers["x-ratelimit-remaining"] === "0" && !secondary;
  const kind = primary ? "primary" : "secondary";
  if (retryAfter !== undefined && retryAfter !== "" && Number.isFinite(Number(retryAfter))) return { waitSeconds: Math.max(0, Number(retryAfter)), kind };
  if (primary && headers["x-ratelimit-reset"] !== undefined) {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    return { waitSeconds: Math.max(0, Math.ceil((reset - nowMs) / 1000) + 1), kind };
  }
  if (secondary || status === 429) return { waitSeconds: SECONDARY_LIMIT_FALLBACK_SECONDS, kind: "secondary" };
  return null;
}

/** GitHub answered 401 to a request made with the installation token (expired or revoked). */
export function isBadCredentials(error: unknown, path: string): boolean {
  // /app/... is authenticated with the app's JWT, which auth-app renews itself.
  return statusOf(error) === 401 && !/^(?:https?:\/\/[^/]+)?(?:\/api\/v3)?\/app(?:\/|$)/.test(path);
}

const ENDPOINTS: [method: string, path: RegExp, description: string, query?: RegExp][] = [
  ["GET", /\/repos\/[^/]+\/[^/]+\/compare\/[^/]+$/, "comparing the pull request with its base"],
  // The review's own reads name a commit; configuration is read from default branches.
  ["GET", /\/repos\/[^/]+\/[^/]+\/contents\//, "reading the changed files", /(?:^|&)ref=/],
  ["GET", /\/repos\/[^/]+\/[^/]+\/git\/blobs\/[^/]+$/, "reading the changed files"],
  ["POST", /\/repos\/[^/]+\/[^/]+\/check-runs$/, "creating the check run"],
  ["PATCH", /\/repos\/[^/]+\/[^/]+\/check-runs\/[^/]+$/, "updating the check run"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/check-runs$/, "looking up the check run"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/(?:tarball|zipball)\//, "downloading the repository snapshot"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/pulls\/[^/]+\/files$/, "listing the pull request's files"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/pulls\/[^/]+$/, "reading the pull request"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/pulls$/, "listing open pull requests"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/comments$/, "listing the pull request's comments"],
  ["POST", /\/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/comments$/, "creating the pull request comment"],
  ["PATCH", /\/repos\/[^/]+\/[^/]+\/issues\/comments\/[^/]+$/, "updating the pull request comment"],
  ["POST", /\/repos\/[^/]+\/[^/]+\/issues\/comments\/[^/]+\/reactions$/, "reacting to the command"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/collaborators\/[^/]+\/permission$/, "checking the commenter's permission"],
  ["GET", /\/repos\/[^/]+\/[^/]+\/contents\//, "reading a configuration file"],
  ["POST", /\/app\/installations\/[^/]+\/access_tokens$/, "renewing the installation token"],
];

/** "updating the check run" for `PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}` (template or URL). */
export function describeEndpoint(method: string | undefined, url: string | undefined): string {
  const verb = (method ?? "GET").toUpperCase();
  const [path = "", query = ""] = (url ?? "").replace(/^[a-z]+:\/\/[^/]+/i, "").split("?");
  const found = ENDPOINTS.find(([m, re, , wanted]) => m === verb && re.test(path) && (!wanted || wanted.test(query)));
  return found ? found[2] : `${verb} ${path.replace(/^\/api\/v3/, "")}`;
}

/** Set by resilience.ts on the error it finally throws: how many attempts the request had. */
const attemptCounts = new WeakMap<object, { attempts: number; endpoint: string }>();

export function recordAttempts(error: unknown, attempts: number, endpoint: string): void {
  if (typeof error === "object" && error !== null) attemptCounts.set(error, { attempts, endpoint });
}

export function attemptsOf(error: unknown): { attempts: number; endpoint: string } | undefined {
  return typeof error === "object" && error !== null ? attemptCounts.get(error) : undefined;
}

export interface GitHubProblem {
  title: string;
  explanation: string;
}

/** The check run's wording for a GitHub failure; null when `error` is not one. */
export function describeGitHubFailure(error: unknown): GitHubProblem | null {
  if (error instanceof GitHubStreamBroken) {
    return {
      title: `The connection to GitHub broke on ${error.what}`,
      explanation: `The connection to GitHub broke while archreview was ${error.what} (${error.attempts} attempts). Re-run the check to try again.`,
    };
  }
  const cause = asErrorLike(error).cause;
  if (error instanceof RetryBudgetSpent || cause instanceof RetryBudgetSpent) {
    const spent = error instanceof RetryBudgetSpent ? error : (cause as RetryBudgetSpent);
    return {
      title: `GitHub kept failing on ${spent.what}`,
      explanation: `GitHub kept failing while archreview was ${spent.what}, and archreview's retry budget for it ran out (${spent.attempts} attempts). Re-run the check to try again.`,
    };
  }
  const timeout = timeoutOf(error);
  const status = statusOf(error);
  if (!timeout && status === undefined) return null;
  const e = asErrorLike(error);
  const recorded = attemptsOf(error);
  // A timeout while reading a streamed body (the tarball) reaches us without a request: it names it.
  const endpoint = recorded?.endpoint ?? (e.request === undefined && timeout ? timeout.what : describeEndpoint(e.request?.method, e.request?.url));
  const tries = recorded && recorded.attempts > 1 ? ` (${recorded.attempts} attempts)` : "";
  const again = "Re-run the check to try again.";
  if (timeout) {
    return { title: `GitHub did not answer in time on ${endpoint}`, explanation: `GitHub sent no complete answer within ${timeout.ms / 1000} s while archreview was ${endpoint}${tries}. ${again}` };
  }
  const limit = rateLimitOf(error);
  if (limit) {
    return {
      title: `GitHub's ${limit.kind} rate limit on ${endpoint}`,
      explanation: `GitHub answered ${status} (${limit.kind} rate limit, retry after ${limit.waitSeconds} s) while archreview was ${endpoint}${tries}, and archreview's retry budget ran out. ${again}`,
    };
  }
  return { title: `GitHub answered ${status} on ${endpoint}`, explanation: `GitHub answered ${status} while archreview was ${endpoint}${tries}. ${again}` };
}
