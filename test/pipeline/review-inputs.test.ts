// A review fetched file by file falls back to the two tarballs once when the engine cannot use the
// listed trees after all (the merge base's graph left the cache between the check and the analysis).
import { describe, expect, it } from "@jest/globals";
import type { ReviewOutcome } from "../../src/engine/review.js";
import { ListedTreesUnusable } from "../../src/engine/listed-trees.js";
import { analyseInputs, type ReviewInputs } from "../../src/pipeline/review-inputs.js";

const side = (sha: string) => ({ sha, dir: `/tmp/${sha}` });
const inputs = (fetch: ReviewInputs["fetch"]): ReviewInputs => ({ request: { base: side("b"), head: side("h") }, fetch, filesFetched: fetch === "tarballs" ? 0 : 3, reason: null });
const outcome = { review: { head: "h" } } as unknown as ReviewOutcome;
const silent = { warn: () => undefined };

/** The worker sends errors as plain data: only the name survives. */
function fromWorker(error: Error): Error {
  return Object.assign(new Error(error.message), { name: error.name });
}

describe("analyseInputs", () => {
  it("downloads the tarballs and analyses again when the listed trees are not enough", async () => {
    const runs: ReviewInputs["fetch"][] = [];
    const tarballs = inputs("tarballs");
    const run = async (request: ReviewInputs["request"]) => {
      runs.push(request === tarballs.request ? "tarballs" : "changed-files");
      if (runs.length === 1) throw fromWorker(new ListedTreesUnusable("the base graph is not cached"));
      return outcome;
    };
    const result = await analyseInputs(inputs("changed-files"), run, async () => tarballs, silent);
    expect(runs).toEqual(["changed-files", "tarballs"]);
    expect(result).toEqual({ outcome, inputs: tarballs });
  });

  it("lets every other failure through, and never falls back from the tarballs", async () => {
    const fallback = async (): Promise<ReviewInputs> => {
      throw new Error("no fallback expected");
    };
    await expect(analyseInputs(inputs("changed-files"), async () => Promise.reject(new Error("worker died")), fallback, silent)).rejects.toThrow("worker died");
    const unusable = async () => Promise.reject(fromWorker(new ListedTreesUnusable("x")));
    await expect(analyseInputs(inputs("tarballs"), unusable, fallback, silent)).rejects.toThrow("The review needs the whole trees: x");
  });
});
