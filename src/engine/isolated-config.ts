// Loads a tree's configuration in a worker thread with a time and a heap limit: parsing is linear
// and capped (config/yaml-document.ts), and this keeps even a hostile config off the App's event
// loop, so other deliveries are answered while it is read.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS } from "../config/defaults.js";
import type { LoadedConfig, TreeReader } from "./config.js";
import { ReviewLimitExceeded, type IsolationLimits } from "./isolated-review.js";
import { deserializeError, type SerializedError } from "./worker-errors.js";

/** What the worker gets: the texts of the configuration files (absent ones left out). */
export interface ConfigFiles {
  files: Record<string, string>;
  override: { file: string; text: string } | null;
}

/** Generous for a file of at most 256 KB parsed in linear time; a backstop, not a budget. */
export const DEFAULT_CONFIG_LIMITS: IsolationLimits = { timeoutMs: 20_000, maxHeapMb: 256 };

const CONFIG_FILES = [...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS, ...DEPCRUISE_CODE_CONFIG_PATHS];

function workerScript(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, "config-worker.js");
  if (existsSync(sibling)) return sibling;
  return path.resolve(here, "../../dist/engine/config-worker.js");
}

async function readConfigFiles(read: TreeReader): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of CONFIG_FILES) {
    const text = await read(file);
    if (text !== null) files[file] = text;
  }
  return files;
}

type Reply = { ok: true; loaded: LoadedConfig } | { ok: false; error: SerializedError };

/** loadConfig of a tree (base and head the same: the App compares configs in the review itself), in a worker. */
export async function loadConfigInWorker(read: TreeReader, override: ConfigFiles["override"], limits: IsolationLimits = DEFAULT_CONFIG_LIMITS): Promise<LoadedConfig> {
  const input: ConfigFiles = { files: await readConfigFiles(read), override };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb } });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new ReviewLimitExceeded("time", `Reading the configuration took longer than ${Math.round(limits.timeoutMs / 1000)} s.`))), limits.timeoutMs);
    worker.once("message", (reply: Reply) => settle(() => (reply.ok ? resolve(reply.loaded) : reject(deserializeError(reply.error)))));
    worker.once("error", (error: Error & { code?: string }) =>
      settle(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new ReviewLimitExceeded("memory", `Reading the configuration needed more than ${limits.maxHeapMb} MB of memory.`) : error)),
    );
    worker.once("exit", (code) => settle(() => reject(new Error(`config worker exited with code ${code}`))));
  });
}
