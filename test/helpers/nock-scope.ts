// The nock discipline every GitHub-mocking suite follows, written once: no real network during a
// test, and a test fails when it leaves a mock unused (or, with `leftovers`, anything else behind).
import { afterEach, beforeEach, expect } from "@jest/globals";
import nock from "nock";

export interface NockScopeOptions {
  /** Abort requests nock still holds (delayed or stalled answers) before the next test starts. */
  abortPending?: boolean;
  /** What else must be empty at the end of each test (drained by the call). */
  leftovers?: () => unknown[];
}

export function useNockScope(options: NockScopeOptions = {}): void {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    const pending = nock.pendingMocks();
    if (options.abortPending) nock.abortPendingRequests();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(pending).toEqual([]);
    if (options.leftovers) expect(options.leftovers()).toEqual([]);
  });
}
