// Worker-thread entry: parses one tree's configuration files (texts read by the caller) and posts
// back the loaded configuration or the error. User YAML is never parsed on the App's main thread.
import { parentPort, workerData } from "node:worker_threads";
import { loadConfig } from "./config.js";
import type { ConfigFiles } from "./isolated-config.js";
import { serializeError } from "./worker-errors.js";

const { files, override } = workerData as ConfigFiles;
const read = async (file: string): Promise<string | null> => files[file] ?? null;
try {
  parentPort?.postMessage({ ok: true, result: await loadConfig({ base: read, head: read, override }) });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: serializeError(error) });
}
