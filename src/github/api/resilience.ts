// What archreview adds to Probot's Octokit so that GitHub faults end a review cleanly. Probot 14
// already has plugin-retry (5xx, network errors: 3 retries, 1/4/9 s backoff) and
// plugin-throttling (paces writes; Probot's handler retries a primary rate limit twice but
// declines secondary ones), and @octokit/auth-app caches installation tokens for 59 minutes.
// Missing, and added here on each delivery's octokit with one outermost `request` wrap:
// - a timeout on every attempt (request-gate.ts), which plugin-retry then retries like a 5xx;
// - a budget per request (attempts and time on the wire) that no inner retry loop can exceed; its
//   clock starts when the request leaves plugin-throttling's queue, not when it joins it;
// - secondary rate limits (403/429): waited out as GitHub's retry-after says, within the budget;
// - a 401 on the installation token (expired or revoked): one fresh token, then the request again;
// - no blind retry of a create (POST) that failed ambiguously: Publisher looks before creating again.
import { describeEndpoint, isAmbiguous, isBadCredentials, rateLimitOf, recordAttempts, RetryBudgetSpent, statusOf, GitHubTimeout } from "./github-errors.js";
import { sleep, type GitHubPolicy } from "./github-policy.js";
import { attachPolicy, type GitHubClient } from "./client.js";
import { budgetLeftMs, gatedFetch, type RequestBudget } from "./request-gate.js";

/** What resilience reports of the API's errors. */
export interface ApiErrorCounter {
  apiError(status: number | "network"): void;
}

export interface RetryLogger {
  warn(meta: object, message: string): void;
}

export interface ResilienceOptions {
  policy: GitHubPolicy;
  log?: RetryLogger;
  /** Counts the API errors (the App's Prometheus metrics; the Action counts none). */
  metrics?: ApiErrorCounter;
}

/** POSTs that GitHub answers the same way when repeated (a reaction already there: 200). */
const IDEMPOTENT_POST = /\/reactions$/;
const DOWNLOAD = /\/(?:tarball|zipball)\//;

type EndpointOptions = { method?: string; url?: string; request?: Record<string, unknown> & { fetch?: typeof fetch } };
type Send = (options: EndpointOptions) => Promise<unknown>;

/** Installs the wrap once per octokit (a delivery may enqueue several reviews on one). */
export function installResilience(octokit: GitHubClient, options: ResilienceOptions): GitHubClient {
  if (octokit.retryPolicy) return octokit;
  attachPolicy(octokit, options.policy);
  // Registered before the wrap below, so inside it: it counts what plugin-retry gives up on,
  // including the failures this wrap then retries (rate limits, 401).
  octokit.hook.error("request", (error) => {
    options.metrics?.apiError(statusOf(error) ?? "network");
    throw error;
  });
  octokit.hook.wrap("request", ((send: Send, endpoint: EndpointOptions) => sendWithinBudget(octokit, send, endpoint, options)) as never);
  return octokit;
}

async function renewInstallationToken(octokit: GitHubClient): Promise<void> {
  // auth-app fetches a new token, bypassing its cache, and caches it: the retried request uses it.
  await (octokit.auth as (options: object) => Promise<unknown>)({ type: "installation", refresh: true });
}

async function sendWithinBudget(octokit: GitHubClient, send: Send, endpoint: EndpointOptions, options: ResilienceOptions): Promise<unknown> {
  const { policy } = options;
  const method = (endpoint.method ?? "GET").toUpperCase();
  const url = endpoint.url ?? "";
  const what = describeEndpoint(method, url);
  const download = DOWNLOAD.test(url);
  const budget: RequestBudget = {
    what,
    maxAttempts: policy.retries + 1,
    budgetMs: policy.budgetMs,
    timeoutMs: download ? policy.downloadTimeoutMs : policy.timeoutMs,
    streamBody: download,
    attempts: 0,
    retriesLeft: 0,
  };
  const requestOptions: Record<string, unknown> = { ...endpoint.request, fetch: gatedFetch(budget, endpoint.request?.fetch) };
  // plugin-retry reads `request.retries` from these options at each failure it considers
  // retrying. Non-enumerable, so it is not copied into the request that fails: plugin-retry
  // retries a request carrying its own `retries` whatever the status, 401 and 404 included
  // (by design, octokit/plugin-retry.js#55).
  Object.defineProperty(requestOptions, "retries", { get: () => budget.retriesLeft, enumerable: false });
  // before-after-hook binds every hook to the caller's options object: inner hooks (plugin-retry,
  // throttling, auth) never see a copy passed to `send`, only changes made to this object.
  endpoint.request = requestOptions;
  // A create that failed with a 5xx or a timeout may have been done: never retried blindly here.
  const blindRetries = method !== "POST" || IDEMPOTENT_POST.test(url);
  const meta = { method, url, endpoint: what };

  const loop = async (): Promise<unknown> => {
    let renewed = false;
    let lastGitHubError: unknown;
    for (;;) {
      budget.retriesLeft = blindRetries ? Math.max(0, budget.maxAttempts - 1 - budget.attempts) : 0;
      // From here to the attempt's start the request may wait behind other writes: not counted.
      budget.queuedAt = Date.now();
      try {
        return await send(endpoint);
      } catch (raw) {
        // The gate refused an attempt: report what GitHub last said, not the refusal.
        const error = (raw as { cause?: unknown }).cause instanceof RetryBudgetSpent && lastGitHubError !== undefined ? lastGitHubError : raw;
        lastGitHubError = error;
        const left = budget.attempts < budget.maxAttempts;
        if (left && !renewed && isBadCredentials(error, url)) {
          renewed = true;
          options.log?.warn({ ...meta, status: 401, attempt: budget.attempts }, "GitHub refused the installation token: renewing it");
          await renewInstallationToken(octokit).catch((renewError: unknown) => {
            throw annotate(renewError, 1, describeEndpoint("POST", "/app/installations/{installation_id}/access_tokens"));
          });
          continue;
        }
        const limit = rateLimitOf(error);
        if (left && limit) {
          const waitMs = limit.waitSeconds * policy.secondMs;
          if (waitMs <= budgetLeftMs(budget, Date.now())) {
            options.log?.warn({ ...meta, status: statusOf(error), attempt: budget.attempts, waitMs }, `GitHub ${limit.kind} rate limit: retrying after the wait it asks for`);
            await sleep(waitMs);
            continue;
          }
        }
        if (isAmbiguous(error) && budget.attempts > 1) options.log?.warn({ ...meta, status: statusOf(error) ?? "network", attempts: budget.attempts }, "GitHub request failed after retries");
        throw annotate(error, budget.attempts, what);
      }
    }
  };

  // Last resort: what the gate cannot time (the token request auth-app makes between attempts)
  // must not hang the review either. Armed when the first attempt leaves the queue, and moved on
  // with the deadline when a later attempt waited in the queue again.
  const slackMs = 2 * budget.timeoutMs + policy.timeoutMs;
  const watchdogMs = policy.budgetMs + slackMs;
  let timer: NodeJS.Timeout | undefined;
  let fire: (error: unknown) => void = () => undefined;
  const watchdog = new Promise<never>((_, reject) => (fire = reject));
  const arm = (ms: number) => {
    timer = setTimeout(() => {
      const left = (budget.deadline ?? 0) + slackMs - Date.now();
      if (left > 0) arm(left);
      else fire(annotate(new GitHubTimeout(watchdogMs, what), budget.attempts, what));
    }, ms);
    timer.unref();
  };
  budget.onFirstAttempt = () => arm(watchdogMs);
  const running = loop();
  running.catch(() => undefined);
  try {
    return await Promise.race([running, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

function annotate(error: unknown, attempts: number, what: string): unknown {
  recordAttempts(error, attempts, what);
  return error;
}

