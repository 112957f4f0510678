// Progress on stderr, only once a run has taken more than a moment (quiet for fast runs and pipes),
// or from the start when asked (--progress).
const QUIET_MS = 1000;

export interface ProgressReporter {
  stage(text: string): void;
  /** Shows progress from now on without waiting for the quiet moment to pass (--progress). */
  showNow(): void;
  done(): void;
}

export function progressReporter(stderr: { write(text: string): unknown }, quietMs = QUIET_MS): ProgressReporter {
  let current = "";
  let visible = false;
  const show = (): void => {
    if (visible) return;
    visible = true;
    if (current) stderr.write(`archreview: ${current}…\n`);
  };
  const timer = setTimeout(show, quietMs);
  timer.unref();
  return {
    stage(text) {
      current = text;
      if (visible) stderr.write(`archreview: ${text}…\n`);
    },
    showNow() {
      clearTimeout(timer);
      show();
    },
    done() {
      clearTimeout(timer);
    },
  };
}
