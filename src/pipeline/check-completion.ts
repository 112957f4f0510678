// The last word on a check run: whatever happened, it should not stay "in progress". If the
// output cannot be written (retries exhausted, or GitHub refuses it), one last, minimal
// completion is tried, with a new budget, before giving up and logging. It keeps a failing
// verdict (a PR must not turn its failure neutral by making the full output unpublishable).
import { clipText } from "../report/clip.js";
import { CHECK_LIMITS, type CheckRunOutput } from "../report/check-run.js";
import { describeFailure, type Problem } from "./failures.js";
import type { ReviewPublisher } from "./platform.js";

export interface CompletionLog {
  warn(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

/** The smallest completion GitHub accepts: a title and a short summary, nothing else; neutral unless `output` failed. */
export function minimalCompletion(output: CheckRunOutput, error: unknown, describe: (error: unknown) => Problem = describeFailure): CheckRunOutput {
  const why = describe(error).title;
  return {
    conclusion: output.conclusion === "failure" ? "failure" : "neutral",
    title: clipText(`archreview could not publish its result: ${why}`, CHECK_LIMITS.title),
    summary: clipText(`archreview meant to report "${output.title}" (${output.conclusion}) here. ${why}. Re-run the check to try again.`, 1_000),
    annotations: [],
  };
}

/** Where a check is completed, and how the platform names why a completion failed. */
export interface CheckCompleter {
  publisher: Pick<ReviewPublisher, "finishCheck">;
  describeFailure(error: unknown): Problem;
}

/** Completes the run with `output`, or failing that with a minimal one. False if neither was accepted. */
export async function completeCheck(platform: CheckCompleter, checkRunId: number, output: CheckRunOutput, log: CompletionLog, meta: object = {}): Promise<boolean> {
  const { publisher } = platform;
  try {
    await publisher.finishCheck(checkRunId, output);
    return true;
  } catch (error) {
    log.warn({ ...meta, checkRunId, err: error }, "Could not complete the check run; trying a minimal neutral completion");
    try {
      await publisher.finishCheck(checkRunId, minimalCompletion(output, error, (e) => platform.describeFailure(e)));
      return true;
    } catch (lastError) {
      log.error({ ...meta, checkRunId, err: lastError }, "The check run could not be completed: GitHub accepted no completion, it stays in progress");
      return false;
    }
  }
}
