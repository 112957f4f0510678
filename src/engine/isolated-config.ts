// Loads a tree's configuration in a worker thread with a time and a heap limit: parsing is linear
// and capped (config/yaml-document.ts), and this keeps even a hostile config off the App's event
// loop, so other deliveries are answered while it is read.
import { CONFIG_PATHS, DEPCRUISE_CODE_CONFIG_PATHS, DEPCRUISE_JSON_PATHS } from "../config/defaults.js";
import type { LoadedConfig, TreeReader } from "./config.js";
import { runInWorker, type IsolationLimits } from "./worker-limits.js";

/** What the worker gets: the texts of the configuration files (absent ones left out). */
export interface ConfigFiles {
  files: Record<string, string>;
  override: { file: string; text: string } | null;
}

/** Generous for a file of at most 256 KB parsed in linear time; a backstop, not a budget. */
export const DEFAULT_CONFIG_LIMITS: IsolationLimits = { timeoutMs: 20_000, maxHeapMb: 256 };

const CONFIG_FILES = [...CONFIG_PATHS, ...DEPCRUISE_JSON_PATHS, ...DEPCRUISE_CODE_CONFIG_PATHS];

async function readConfigFiles(read: TreeReader): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of CONFIG_FILES) {
    const text = await read(file);
    if (text !== null) files[file] = text;
  }
  return files;
}

/** loadConfig of a tree (base and head the same: the App compares configs in the review itself), in a worker. */
export async function loadConfigInWorker(read: TreeReader, override: ConfigFiles["override"], limits: IsolationLimits = DEFAULT_CONFIG_LIMITS): Promise<LoadedConfig> {
  const input: ConfigFiles = { files: await readConfigFiles(read), override };
  return runInWorker<LoadedConfig>({
    script: "config-worker.js",
    name: "config worker",
    workerData: input,
    limits,
    timeMessage: `Reading the configuration took longer than ${Math.round(limits.timeoutMs / 1000)} s.`,
    memoryMessage: `Reading the configuration needed more than ${limits.maxHeapMb} MB of memory.`,
  });
}
