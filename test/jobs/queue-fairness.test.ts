import { describe, expect, it } from "@jest/globals";
import { ReviewQueue } from "../../src/jobs/queue.js";

const silent = { error: () => undefined };

describe("ReviewQueue fairness across installations", () => {
  it("gives a free slot to the installation running the fewest reviews, not to the oldest job", async () => {
    // The settle window: by the time the first jobs may start, all six are waiting.
    const queue = new ReviewQueue(silent, { concurrency: 2, settleMs: 5 });
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
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(order).toEqual(["A1", "B1"]);
    // When A1 ends, B still runs one and A none: A's next job takes the slot.
    running.get("A1")?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(["A1", "B1", "A2"]);
    for (const name of ["B1", "A2", "A3", "A4", "A5"]) {
      running.get(name)?.();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await queue.onIdle();
    expect(order).toEqual(["A1", "B1", "A2", "A3", "A4", "A5"]);
  });

  it("with one group, keeps the order of arrival", async () => {
    const queue = new ReviewQueue(silent, { concurrency: 1, settleMs: 0 });
    const order: string[] = [];
    for (const n of [1, 2, 3]) queue.enqueue(`a/repo#${n}`, { label: `${n}`, run: async () => void order.push(`${n}`), superseded: async () => undefined });
    await queue.onIdle();
    expect(order).toEqual(["1", "2", "3"]);
  });
});
