// Fairness is about order, not speed: the settle window runs on Jest's fake clock, and each step
// waits for the queue's promise callbacks, never for wall-clock time (stable on a loaded machine).
import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { ReviewQueue } from "../../src/jobs/queue.js";

const silent = { error: () => undefined };

/** Lets the queue's promise chains (a job's end, the next pump) run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

beforeEach(() => {
  jest.useFakeTimers();
});

afterEach(() => {
  jest.useRealTimers();
});

describe("ReviewQueue fairness across installations", () => {
  it("gives a free slot to the installation running the fewest reviews, not to the oldest job", async () => {
    const queue = new ReviewQueue(silent, { concurrency: 2, settleMs: 5, now: () => Date.now() });
    const order: string[] = [];
    const running = new Map<string, () => void>();
    const job = (group: string, name: string) => ({
      label: name,
      group,
      run: () => {
        order.push(name);
        return new Promise<void>((resolve) => running.set(name, resolve));
      },
      superseded: async () => undefined,
    });
    // Installation A pushes to five PRs, then installation B to one: FIFO would run B's last.
    for (let i = 1; i <= 5; i++) queue.enqueue(`a/repo#${i}`, job("A", `A${i}`));
    queue.enqueue("b/repo#1", job("B", "B1"));
    // Inside the settle window nothing starts; at its end all six are waiting.
    await jest.advanceTimersByTimeAsync(4);
    expect(order).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(order).toEqual(["A1", "B1"]);
    // When A1 ends, B still runs one and A none: A's next job takes the slot.
    running.get("A1")?.();
    await settle();
    expect(order).toEqual(["A1", "B1", "A2"]);
    for (const name of ["B1", "A2", "A3", "A4", "A5"]) {
      running.get(name)?.();
      await settle();
    }
    const idle = queue.onIdle();
    await settle();
    await idle;
    expect(order).toEqual(["A1", "B1", "A2", "A3", "A4", "A5"]);
  });

  it("with one group, keeps the order of arrival", async () => {
    const queue = new ReviewQueue(silent, { concurrency: 1, settleMs: 0, now: () => Date.now() });
    const order: string[] = [];
    for (const n of [1, 2, 3]) queue.enqueue(`a/repo#${n}`, { label: `${n}`, run: async () => void order.push(`${n}`), superseded: async () => undefined });
    await jest.advanceTimersByTimeAsync(0);
    await queue.onIdle();
    expect(order).toEqual(["1", "2", "3"]);
  });
});
