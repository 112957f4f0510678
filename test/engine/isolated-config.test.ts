// Config loading off the main thread (issue 16, Why 5): runs the compiled worker (npm test builds first).
import { describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config/errors.js";
import { loadConfig } from "../../src/engine/config.js";
import { ReviewLimitExceeded } from "../../src/engine/worker-limits.js";
import { loadConfigInWorker } from "../../src/engine/isolated-config.js";

const tree = (files: Record<string, string>) => async (file: string) => files[file] ?? null;
const LARGE = `boundaries:\n${Array.from({ length: 20_000 }, (_, i) => `  b${i}: a`).join("\n")}\n`;

describe("loadConfigInWorker", () => {
  it("gives what loadConfig gives on the main thread", async () => {
    const files = { ".github/archreview.yml": "boundaries: { a: a/** }\nignore: [gen/**]\n", ".dependency-cruiser.json": '{ "forbidden": [ { "from": {}, "to": { "circular": true } } ] }' };
    const inWorker = await loadConfigInWorker(tree(files), null);
    expect(inWorker).toEqual(await loadConfig({ base: tree(files), head: tree(files) }));
    expect(inWorker.config.forbidden).toHaveLength(1);
  });

  it("returns a hostile config's problem as a ConfigError", async () => {
    const bomb = `a: &a [x,x,x,x,x,x,x,x,x,x]\n${"bcdefgh".split("").map((c, i) => `${c}: &${c} [${Array(10).fill(`*${"abcdefg"[i]}`).join(",")}]`).join("\n")}\nignore: *h\n`;
    const error = await loadConfigInWorker(tree({ ".github/archreview.yml": bomb }), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/aliases expand to more than/);
  });

  it("keeps the main thread's event loop turning while a large config is parsed", async () => {
    let turns = 0;
    let loading = true;
    const turn = (): void => {
      turns++;
      if (loading) setImmediate(turn);
    };
    setImmediate(turn);
    // A generous time limit: the point is the turns, and a loaded test machine is slow.
    const loaded = await loadConfigInWorker(tree({ ".github/archreview.yml": LARGE }), null, { timeoutMs: 300_000, maxHeapMb: 256 });
    loading = false;
    expect(loaded.config.boundaries).toHaveLength(20_000);
    // Parsed on this thread, the load would be one synchronous step: no turn could run during it.
    expect(turns).toBeGreaterThan(10);
  });

  it("ends a load past its time limit with a limit error, not a hang", async () => {
    const error = await loadConfigInWorker(tree({ ".github/archreview.yml": LARGE }), null, { timeoutMs: 1, maxHeapMb: 256 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewLimitExceeded);
    expect((error as ReviewLimitExceeded).limit).toBe("time");
  });
});
