// Who controls the cause decides the verdict of a review that could not run: the head (failure,
// naming why) or the base, archreview itself or GitHub (neutral).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ConfigError } from "../../src/config/errors.js";
import { PullRequestCaused, blameTreeFailure } from "../../src/engine/failure-origin.js";
import { ReviewLimitExceeded } from "../../src/engine/isolated-review.js";
import { TsConfigExtendsError } from "../../src/extract/tsconfig-extends.js";
import { minimalCompletion } from "../../src/pipeline/check-completion.js";
import { TooManyChangedFiles } from "../../src/pipeline/comparison.js";
import { describeFailure } from "../../src/github/publish/failures.js";
import { blameHeadSnapshot } from "../../src/pipeline/head-snapshot.js";
import { GitHubStreamBroken } from "../../src/github/api/github-errors.js";
import { EntryRejected } from "../../src/archive/paths.js";
import { DEFAULT_SNAPSHOT_LIMITS, corruptArchive, specialFile, tooManyFiles, unpackedTooLarge, unsafeLink } from "../../src/archive/limits.js";

const verdict = (error: unknown) => {
  const { conclusion, origin } = describeFailure(error);
  return { conclusion, origin };
};

describe("describeFailure", () => {
  it.each([
    ["a base config error", new ConfigError({ file: ".github/archreview.yml", line: 1, column: 1, key: null, reason: "bad" }), "neutral", "base"],
    ["a base tsconfig loop", new TsConfigExtendsError("/t/base", "cycle", ["tsconfig.json", "tsconfig.json"]), "neutral", "base"],
    ["a snapshot the base alone breaks", unsafeLink("x"), "neutral", "base"],
    ["a corrupt archive", corruptArchive("x"), "neutral", "github"],
    ["our time limit", new ReviewLimitExceeded("time", "slow"), "neutral", "ours"],
    ["a broken GitHub stream", new GitHubStreamBroken("downloading the repository snapshot", 3), "neutral", "github"],
    ["an unexpected error", new Error("boom"), "neutral", "ours"],
    ["too many changed files", new TooManyChangedFiles(4000, false, 3000), "failure", "head"],
    ["a PR-caused failure", new PullRequestCaused("T", "R"), "failure", "head"],
  ])("%s: %s", (_name, error, conclusion, origin) => {
    expect(verdict(error)).toEqual({ conclusion, origin });
  });
});

describe("blameHeadSnapshot (the base snapshot was accepted)", () => {
  it("names the entry a link or special file came from", () => {
    const link = blameHeadSnapshot(new EntryRejected(unsafeLink("d"), { path: "docs/secret", type: "SymbolicLink", target: "/etc/passwd" }));
    expect(link).toBeInstanceOf(PullRequestCaused);
    expect((link as PullRequestCaused).reason).toContain("This pull request adds `docs/secret`: a symbolic link to `/etc/passwd`, outside the repository.");
    const device = blameHeadSnapshot(new EntryRejected(specialFile("d"), { path: "dev/tty", type: "CharacterDevice", target: null }));
    expect((device as PullRequestCaused).reason).toContain("This pull request adds `dev/tty`: a CharacterDevice entry");
  });

  it("a limit only the head crosses is the PR's; a corrupt archive and other errors are not", () => {
    for (const rejected of [tooManyFiles(DEFAULT_SNAPSHOT_LIMITS), unpackedTooLarge(DEFAULT_SNAPSHOT_LIMITS, "d")]) {
      const blamed = blameHeadSnapshot(rejected);
      expect(blamed).toBeInstanceOf(PullRequestCaused);
      expect((blamed as PullRequestCaused).reason).toContain(rejected.message);
    }
    const corrupt = corruptArchive("cut");
    expect(blameHeadSnapshot(corrupt)).toBe(corrupt);
    const other = new Error("socket hang up");
    expect(blameHeadSnapshot(other)).toBe(other);
  });
});

describe("blameTreeFailure", () => {
  let work: string;
  const trees = () => ({ base: { dir: path.join(work, "base") }, head: { dir: path.join(work, "head") } });
  const loop = (side: "base" | "head") => {
    mkdirSync(path.join(work, side), { recursive: true });
    writeFileSync(path.join(work, side, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.json" }));
  };
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "archreview-blame-"));
    mkdirSync(path.join(work, "base"));
    mkdirSync(path.join(work, "head"));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it("a loop only the head has is the PR's; one the base shares, or the base's own, is not", async () => {
    loop("head");
    const atHead = new TsConfigExtendsError(trees().head.dir, "cycle", ["tsconfig.json", "tsconfig.json"]);
    expect(await blameTreeFailure(atHead, trees())).toBeInstanceOf(PullRequestCaused);
    loop("base");
    expect(await blameTreeFailure(atHead, trees())).toBe(atHead);
    const atBase = new TsConfigExtendsError(trees().base.dir, "cycle", ["tsconfig.json", "tsconfig.json"]);
    expect(await blameTreeFailure(atBase, trees())).toBe(atBase);
    const other = new Error("x");
    expect(await blameTreeFailure(other, trees())).toBe(other);
  });
});

describe("minimalCompletion", () => {
  it("keeps a failing verdict when the full output could not be published", () => {
    const failed = { conclusion: "failure" as const, title: "Circular tsconfig extends", summary: "s", annotations: [] };
    expect(minimalCompletion(failed, new Error("x")).conclusion).toBe("failure");
    expect(minimalCompletion({ ...failed, conclusion: "neutral" }, new Error("x")).conclusion).toBe("neutral");
  });
});
