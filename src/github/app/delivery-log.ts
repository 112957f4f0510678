// Deliveries already handled, so that a duplicate (GitHub's or an operator's redelivery) is not
// queued twice. An id counts as handled only once its work was queued: a delivery whose handler
// failed stays unknown, its redelivery is processed. So does one whose background start failed
// (its check could not be created): the start step forgets it. In memory, per instance.

export class DeliveryLog {
  private readonly handled = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(private readonly capacity = 5000) {}

  /**
   * Runs `work` for `id` unless it was handled already. A duplicate arriving while the first is
   * still in flight waits for it, and takes over only if the first failed. Rejects with `work`'s
   * error (the webhook then answers 500 and the delivery can be redelivered).
   */
  async handle(id: string, work: () => Promise<void>): Promise<void> {
    for (;;) {
      if (this.handled.has(id)) return;
      const running = this.inFlight.get(id);
      if (!running) break;
      await running.catch(() => undefined);
    }
    const attempt = work();
    this.inFlight.set(id, attempt);
    try {
      await attempt;
      this.remember(id);
    } finally {
      this.inFlight.delete(id);
    }
  }

  /** Its work failed after all (in the background): a redelivery of `id` is processed again. */
  forget(id: string): void {
    this.handled.delete(id);
  }

  private remember(id: string): void {
    this.handled.add(id);
    if (this.handled.size > this.capacity) this.handled.delete(this.handled.values().next().value as string);
  }
}
