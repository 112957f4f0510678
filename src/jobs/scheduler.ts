// What schedules reviews, whatever the backend: in process (embedded-scheduler.ts) or BullMQ jobs
// in Redis (distributed-scheduler.ts). The steps of one review are the caller's (the GitHub shell);
// the payload they carry is plain JSON, so a job can cross processes and survive a restart.

/** One review to run: coalesced per `key` (a pull request), shared fairly across `group`s (installations). */
export interface Ticket<P> {
  key: string;
  /** What supersedes an older ticket of the same key names it by this (a head sha). */
  label: string;
  group: string;
  payload: P;
}

export interface ReviewSteps<P> {
  /**
   * Makes the review visible (creates its check run) and returns the payload that names it. Runs
   * at once on submit. `again`: it may have run before and died (a crash after the create):
   * look for what it created before creating again.
   */
  start(payload: P, again: boolean): Promise<P>;
  /**
   * The review itself; it completes its own check, whatever happens, and stops when `signal`
   * aborts. Resolves true once the check is completed on GitHub (or gone), false when GitHub
   * accepted no completion: the journal then keeps the review for `recover`.
   */
  run(payload: P, signal: AbortSignal): Promise<boolean>;
  /** A newer ticket of the same key replaced this one before it ran. True: its check is completed. */
  superseded(payload: P, by: string): Promise<boolean>;
  /** The job was given up (its worker died too often): the check must not stay in progress. True: it is completed. */
  abandoned(payload: P, reason: string): Promise<boolean>;
  /**
   * A journaled review found with no job after a restart: the ticket to run now (the same check,
   * or a new one for the pull request's current head), or null when there is nothing left to do.
   * Throws when it could not settle the old check (GitHub still down): the entry is kept.
   */
  recover(payload: P): Promise<Ticket<P> | null>;
  /** True once `payload` went through `start` (it names its check run). */
  started(payload: P): boolean;
}

export interface SchedulerStats {
  waiting: number;
  running: number;
  oldestWaitingMs: number;
}

export interface Scheduler<P> {
  /** Queues the review; resolves once it is durably queued (journaled, or in Redis): the delivery can be acknowledged. */
  submit(ticket: Ticket<P>): Promise<void>;
  /** Re-queues reviews started but left without a job (a restart); resolves with how many. */
  recover(): Promise<number>;
  stats(): Promise<SchedulerStats>;
  /** Resolves when the backend is reachable (readiness). */
  check(): Promise<void>;
  /** Resolves once nothing is waiting or running here (tests, shutdown). */
  onIdle(): Promise<void>;
  close(): Promise<void>;
}

export interface SchedulerLogger {
  info(meta: object, message: string): void;
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

/**
 * Submitted reviews, kept until their check is completed on GitHub (not merely until their job
 * ended): what a restart must not lose, GitHub outages included.
 */
export interface Journal<P> {
  put(id: string, payload: P): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<{ id: string; payload: P }[]>;
}
