import { describe, expect, it } from "@jest/globals";
import { mapLimited } from "../../src/core/map-limited.js";

/** A task whose completion the test controls, counting how many run at once. */
function tracker() {
  let inFlight = 0;
  let most = 0;
  const started: number[] = [];
  const run = async (item: number): Promise<number> => {
    started.push(item);
    inFlight++;
    most = Math.max(most, inFlight);
    // A few turns of the event loop, different per item, so tasks finish out of order.
    for (let i = 0; i < (item * 7) % 5; i++) await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    return item * 2;
  };
  return { run, most: () => most, started };
}

describe("mapLimited", () => {
  it("never runs more than the limit at once over 3,000 items, and returns results in item order", async () => {
    const items = Array.from({ length: 3_000 }, (_, i) => i);
    const t = tracker();
    const results = await mapLimited(items, 16, t.run);
    expect(t.most()).toBe(16);
    expect(results).toEqual(items.map((i) => i * 2));
    expect(t.started).toHaveLength(3_000);
  });

  it("handles fewer items than the limit, and none", async () => {
    const t = tracker();
    expect(await mapLimited([1, 2, 3], 16, t.run)).toEqual([2, 4, 6]);
    expect(t.most()).toBeLessThanOrEqual(3);
    expect(await mapLimited([], 16, t.run)).toEqual([]);
  });

  it("rejects with the first failure and starts no new item after it", async () => {
    const started: number[] = [];
    const run = async (item: number): Promise<number> => {
      started.push(item);
      await new Promise((resolve) => setImmediate(resolve));
      if (item === 5) throw new Error("item 5 failed");
      return item;
    };
    await expect(mapLimited(Array.from({ length: 100 }, (_, i) => i), 4, run)).rejects.toThrow("item 5 failed");
    expect(Math.max(...started)).toBeLessThan(5 + 4);
  });

  it("stops at an abort with the signal's reason", async () => {
    const controller = new AbortController();
    const run = async (item: number): Promise<number> => {
      if (item === 10) controller.abort(new Error("stopped"));
      await new Promise((resolve) => setImmediate(resolve));
      return item;
    };
    await expect(mapLimited(Array.from({ length: 100 }, (_, i) => i), 2, run, controller.signal)).rejects.toThrow("stopped");
  });
});
