// A promise pool: bounded concurrency for I/O over many items (files, API calls) without opening them all at once.
// Pure logic (no I/O of its own), so every layer that reads or fetches may share it.

/** `run` over `items`, at most `limit` at a time, results in order; stops starting new ones after a failure or an abort. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      if (signal?.aborted) throw signal.reason;
      const index = next++;
      try {
        results[index] = await run(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
