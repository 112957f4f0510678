// Per key (one pull request), one review start at a time, newest first: a start runs only once the
// key's previous start has settled, and a start overtaken by a newer submission before it began is
// skipped. A burst of 200 pushes creates check runs for the first push and the last (the writes
// queue behind one another, a second apart), not for every push in between; the first is then
// completed as superseded by the review queue.

export type StartOutcome<T> =
  | { outcome: "started"; payload: T }
  /** A newer submission of the key came before this start began: nothing was created. */
  | { outcome: "skipped" }
  /** `overtaken`: a newer submission of the key had come by the time it failed. */
  | { outcome: "failed"; error: unknown; overtaken: boolean };

interface Line {
  latest: number;
  tail: Promise<unknown>;
}

export class StartLine {
  private readonly lines = new Map<string, Line>();
  private submitted = 0;

  /** Runs `start` for `key` after its predecessor, unless a newer `run` of the key comes first. */
  run<T>(key: string, start: () => Promise<T>): Promise<StartOutcome<T>> {
    const line = this.lines.get(key) ?? { latest: 0, tail: Promise.resolve() };
    const mine = ++this.submitted;
    line.latest = mine;
    this.lines.set(key, line);
    const result = line.tail.then(async (): Promise<StartOutcome<T>> => {
      if (line.latest !== mine) return { outcome: "skipped" };
      try {
        return { outcome: "started", payload: await start() };
      } catch (error) {
        return { outcome: "failed", error, overtaken: line.latest !== mine };
      }
    });
    line.tail = result.then(() => {
      if (this.lines.get(key) === line && line.latest === mine) this.lines.delete(key);
    });
    return result;
  }

  /** Keys with a start pending or running (tests). */
  get size(): number {
    return this.lines.size;
  }
}
