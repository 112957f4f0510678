// Temporary folders a process makes for reviews (checkouts, downloaded snapshots), removed on the
// normal path and also when the process is told to stop (SIGINT, SIGTERM, SIGHUP): an interrupted
// run must not leave megabytes of someone's source code in the shared temp folder.
// Process-wide on purpose: a signal ends the whole process, whichever review made the folder.
import { mkdtempSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();

/** A new private (0700) folder under the temp folder, removed again on a stopping signal. */
export async function makeScratchDir(prefix: string): Promise<string> {
  // Made and registered in one synchronous step: a signal handler runs between two events, never
  // between these two lines, so no folder exists that a stop would leave behind.
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export async function removeScratchDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  live.delete(dir);
}

/** Synchronous: a signal handler must be done before the process exits. */
export function removeScratchDirsSync(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort on the way out: the next folder still gets its turn.
    }
    live.delete(dir);
  }
}

/** The scratch folders still present (tests). */
export function liveScratchDirs(): string[] {
  return [...live];
}

/** Conventional exit statuses: 128 + the signal's number. */
export const SIGNAL_EXIT_STATUS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_STATUS;

export interface SignalCleanup {
  /** Runs first, e.g. to stop child processes still writing into a scratch folder. */
  beforeRemove?: (signal: StopSignal) => Promise<void> | void;
  /** Defaults to process.exit. */
  exit?: (status: number) => void;
}

let installed = false;

/** On SIGINT, SIGTERM or SIGHUP: `beforeRemove`, remove every scratch folder, exit 128 + signal. Installs once per process. */
export function removeScratchDirsOnSignals(options: SignalCleanup = {}): void {
  if (installed) return;
  installed = true;
  const exit = options.exit ?? ((status: number) => process.exit(status));
  let stopping = false;
  for (const signal of Object.keys(SIGNAL_EXIT_STATUS) as StopSignal[]) {
    process.on(signal, () => {
      if (stopping) return; // a second Ctrl-C while cleaning up changes nothing
      stopping = true;
      void Promise.resolve()
        .then(() => options.beforeRemove?.(signal))
        .catch(() => undefined)
        .finally(() => {
          removeScratchDirsSync();
          exit(SIGNAL_EXIT_STATUS[signal]);
        });
    });
  }
}
