// Progress on stderr, only once a run has taken more than a moment (quiet for fast runs and pipes).
const QUIET_MS = 1000;

export interface ProgressReporter {
  stage(text: string): void;
  done(): void;
}

export function progressReporter(stderr: { write(text: string): unknown }, quietMs = QUIET_MS): ProgressReporter {
  let current = "";
  let visible = false;
  const timer = setTimeout(() => {
    visible = true;
    if (current) stderr.write(`archreview: ${current}…\n`);
  }, quietMs);
  timer.unref();
  return {
    stage(text) {
      current = text;
      if (visible) stderr.write(`archreview: ${text}…\n`);
    },
    done() {
      clearTimeout(timer);
    },
  };
}
