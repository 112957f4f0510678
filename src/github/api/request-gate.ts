// The fetch that every attempt of one GitHub request goes through (resilience.ts sets it as the
// request's `request.fetch`). It sits below plugin-retry and plugin-throttling, so it sees each
// real attempt, theirs included: it bounds each attempt in time, counts attempts, and refuses to
// start one once the request's budget is spent, whatever an inner retry loop would like.
// The budget's clock runs only while the request is on the wire or waiting to be retried: time
// spent in Octokit's queues (plugin-throttling spaces writes a second apart for the whole app)
// before an attempt the budget sent is not counted, so a burst of writes does not spend it.
import { GitHubTimeout, RetryBudgetSpent } from "./github-errors.js";

type Fetch = typeof globalThis.fetch;

export interface RequestBudget {
  /** The endpoint in words, for errors and logs. */
  readonly what: string;
  readonly maxAttempts: number;
  /** How long the request may take on the wire, retries and their waits included. */
  readonly budgetMs: number;
  /** Epoch ms: no attempt starts after it. Unset until the first attempt leaves (then it + budgetMs). */
  deadline?: number;
  /** Epoch ms when resilience.ts last handed the request to Octokit's queues; cleared when an attempt leaves. */
  queuedAt?: number;
  /** Called once, when the first attempt leaves the queues. */
  onFirstAttempt?: () => void;
  /** One attempt, until its body is read. */
  readonly timeoutMs: number;
  /** The caller streams the body itself (the tarball): hand the response on unread, the timeout still running on its body. */
  readonly streamBody: boolean;
  attempts: number;
  /**
   * How many more retries plugin-retry may make in the current call (resilience.ts exposes it to
   * plugin-retry as `request.retries`); 0 stops it retrying the attempt that just failed.
   */
  retriesLeft: number;
}

export function gatedFetch(budget: RequestBudget, inner?: Fetch): Fetch {
  return async (input, init) => {
    const deadline = startClock(budget, Date.now());
    if (budget.attempts >= budget.maxAttempts || Date.now() > deadline) {
      budget.retriesLeft = 0;
      throw new RetryBudgetSpent(budget.what, budget.attempts);
    }
    budget.attempts++;
    // A hung connection must not hang the review: abort the attempt, headers or body, after
    // timeoutMs. The reason is not an "AbortError", so @octokit/request reports a RequestError
    // (500) that plugin-retry retries like a 5xx.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new GitHubTimeout(budget.timeoutMs, budget.what)), budget.timeoutMs);
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      // globalThis.fetch is read at call time: test interceptors (nock) replace it.
      const response = await untilAborted((inner ?? globalThis.fetch)(input, { ...init, signal }), signal, (late) => void late.body?.cancel().catch(() => undefined));
      // plugin-retry would retry a 429 after its own fixed backoff; resilience.ts waits for the
      // retry-after GitHub asks for instead.
      if (response.status === 429) budget.retriesLeft = 0;
      if (budget.streamBody) return withBodyDeadline(response, signal);
      const buffered = await buffer(response, signal);
      clearTimeout(timer);
      return buffered;
    } catch (error) {
      clearTimeout(timer);
      throw error;
    }
  };
}

/**
 * The request's deadline, its clock started at the first attempt and moved on by the time this
 * attempt waited in Octokit's queues since resilience.ts handed it over.
 */
export function startClock(budget: RequestBudget, now: number): number {
  const queuedMs = budget.queuedAt === undefined ? 0 : Math.max(0, now - budget.queuedAt);
  budget.queuedAt = undefined;
  if (budget.deadline === undefined) {
    budget.deadline = now + budget.budgetMs;
    budget.onFirstAttempt?.();
  } else {
    budget.deadline += queuedMs;
  }
  return budget.deadline;
}

/** What is left of the budget at `now` (all of it before the first attempt). */
export function budgetLeftMs(budget: RequestBudget, now: number): number {
  return budget.deadline === undefined ? budget.budgetMs : budget.deadline - now;
}

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts. fetch should
 * do this by itself, but not every fetch keeps the signal on every hop (a redirect followed by a
 * test interceptor does not): the deadline holds regardless. A result arriving late is disposed of.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, disposeLate?: (late: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) disposeLate?.(value);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function copyOf(response: Response, body: ConstructorParameters<typeof Response>[0]): Response {
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/** The response, its body failing with the signal's reason once the attempt's time is up. */
function withBodyDeadline(response: Response, signal: AbortSignal): Response {
  if (!response.body) return response;
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await untilAborted(reader.read(), signal);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
        void reader.cancel(error).catch(() => undefined);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return copyOf(response, body);
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Reads the body here, under the attempt's timeout: @octokit/request swallows an error while
 * reading a JSON body and returns "" as the data, so a connection cut mid-body would pass for an
 * empty answer. Read here, the failure is a failed attempt (a RequestError 500, retried).
 */
async function buffer(response: Response, signal: AbortSignal): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await untilAborted(response.arrayBuffer(), signal);
  return copyOf(response, body);
}
