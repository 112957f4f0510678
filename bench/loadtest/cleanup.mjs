// The load check's cleanup: the benchmark's (../cleanup.mjs), plus killing the app's process group.
export { cleanUpOnSignals, cleanupAll, onCleanup, tempDir } from "../cleanup.mjs";

/** Kills a detached child's whole process group (the app and anything it spawned), ignoring "already gone". */
export function killGroup(pid, signal = "SIGKILL") {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}
