// Attempt timeouts by explicit ordering instead of the wall clock. The request gate bounds every
// GitHub attempt with a timer of the policy's timeoutMs (downloadTimeoutMs for downloads). With
// real timers a good answer that a loaded machine delays past 300 ms times out as well, and the
// retry then finds its one-shot mock used up (a flake under load). Here those timers never fire by
// themselves: an attempt times out exactly when the mock of a "timeout" fault holds it (or a
// "stalled body" fault's body is read), and a good answer never does, however slow the machine.
import { afterEach, beforeEach, expect } from "@jest/globals";
import type { GitHubPolicy } from "../../src/github/api/github-policy.js";

const HEADER = "x-test-attempt";

interface AttemptTimer {
  handle: ReturnType<typeof setTimeout>;
  fire: () => void;
}

let active = false;
let nextId = 0;
let created: AttemptTimer | undefined;
const byAttempt = new Map<string, AttemptTimer>();
const unmatched: string[] = [];
let timedOut = 0;

/** Whether this file holds attempts (then fault-mock.ts makes its hangs explicit). */
export function attemptsHeld(): boolean {
  return active;
}

/** Times out the attempt that made `request` (nock's intercepted request) at once. */
export function timeOutAttemptOf(request: { headers?: Record<string, unknown>; getHeader?: (name: string) => unknown }): void {
  const id = String(request.getHeader?.(HEADER) ?? request.headers?.[HEADER] ?? "");
  const timer = byAttempt.get(id);
  // Thrown inside nock it would pass for a network error (and be retried): recorded instead.
  if (!timer) return void unmatched.push(`no attempt timer for request ${id || "(untagged)"}`);
  byAttempt.delete(id);
  timedOut++;
  timer.fire();
}

/** How many attempts the current test timed out by holding them. */
export function attemptsTimedOut(): number {
  return timedOut;
}

export function useHeldAttempts(policy: GitHubPolicy): void {
  const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout, fetch: globalThis.fetch };
  beforeEach(() => {
    active = true;
    // The gate's timer: created right before its fetch call, cleared when the attempt settles.
    globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      if (ms !== policy.timeoutMs && ms !== policy.downloadTimeoutMs) return real.setTimeout(fn, ms, ...args);
      const handle = real.setTimeout(() => undefined, 2 ** 31 - 1);
      handle.unref();
      created = { handle, fire: () => (real.clearTimeout(handle), fn(...args)) };
      return handle;
    }) as typeof setTimeout;
    const interceptedFetch = globalThis.fetch; // nock's, installed when the file imported it
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const timer = created;
      created = undefined;
      if (!timer) return interceptedFetch(input, init);
      const id = String(++nextId);
      byAttempt.set(id, timer);
      const headers = new Headers(init?.headers);
      headers.set(HEADER, id);
      return interceptedFetch(input, { ...init, headers });
    }) as typeof fetch;
  });
  afterEach(() => {
    expect(unmatched.splice(0)).toEqual([]);
    timedOut = 0;
    active = false;
    created = undefined;
    byAttempt.clear();
    globalThis.setTimeout = real.setTimeout;
    globalThis.fetch = real.fetch;
  });
}
