// What a change touches, from its merge base to its head (as GitHub's "Files changed" shows it), and
// the cap on how many files a review takes. Every platform says it in these terms.
/** One entry of the compare API's `files` (a diff entry). */
export interface ComparedFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  previous_filename?: string;
  /** The blob at head (for a removed file, the one removed); null when GitHub gives none. */
  sha: string | null;
}

export interface Comparison {
  /** The commit the PR's change starts from: the base itself when the base is an ancestor of the head. */
  mergeBase: string;
  files: ComparedFile[];
  /** False when GitHub cut the file list (it lists at most COMPARE_FILES_CAP files). */
  complete: boolean;
}

/** GitHub lists at most 3,000 files of a pull request (pulls.listFiles). */
export const DEFAULT_MAX_PR_FILES = 3000;

/** The pull request changes more files than the operator lets archreview review. */
export class TooManyChangedFiles extends Error {
  constructor(
    readonly count: number,
    readonly atLeast: boolean,
    readonly max: number,
  ) {
    const n = count.toLocaleString("en-US");
    super(`This pull request changes ${atLeast ? `at least ${n}` : n} files; archreview reviews at most ${max.toLocaleString("en-US")}.`);
    this.name = "TooManyChangedFiles";
  }
}

/** Throws TooManyChangedFiles past `max`; a count that is only a lower bound counts once it passes it. */
export function checkChangedFiles(count: number | undefined, max: number, atLeast = false): void {
  if (count !== undefined && count > max) throw new TooManyChangedFiles(count, atLeast, max);
}
