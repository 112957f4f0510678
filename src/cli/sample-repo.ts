// A throw-away git repository built from a directory of files: the demo's sample and the tests' fixtures.
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runGit, type GitRunner } from "../git/git.js";

/** The layered sample application the demo reviews (and the tests build on): docs/demo-sample, from src/cli or dist/cli alike. */
export const DEMO_SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/demo-sample");

const IDENTITY = {
  GIT_AUTHOR_NAME: "archreview",
  GIT_AUTHOR_EMAIL: "archreview@example.invalid",
  GIT_COMMITTER_NAME: "archreview",
  GIT_COMMITTER_EMAIL: "archreview@example.invalid",
};

export class SampleRepository {
  private constructor(
    readonly dir: string,
    private readonly run: GitRunner,
  ) {}

  /** A new repository in a private temp dir, holding a copy of `template` (if given), not yet committed. */
  static async create(template?: string, run: GitRunner = runGit): Promise<SampleRepository> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "archreview-sample-"));
    if (template) await cp(template, dir, { recursive: true });
    const repo = new SampleRepository(dir, run);
    await repo.git("init", "--quiet", "--initial-branch=main");
    return repo;
  }

  private async git(...args: string[]): Promise<string> {
    const r = await this.run(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", ...args], { cwd: this.dir, env: IDENTITY });
    if (r.code !== 0) throw new Error(`git ${args[0]}: ${r.stderr.trim()}`);
    return r.stdout.toString().trim();
  }

  async write(file: string, text: string): Promise<void> {
    const full = path.join(this.dir, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
  }

  async remove(file: string): Promise<void> {
    await rm(path.join(this.dir, file), { recursive: true, force: true });
  }

  async move(from: string, to: string): Promise<void> {
    await mkdir(path.dirname(path.join(this.dir, to)), { recursive: true });
    await rename(path.join(this.dir, from), path.join(this.dir, to));
  }

  /** Commits everything in the working tree; returns the new commit's sha. */
  async commit(message: string): Promise<string> {
    await this.git("add", "--all");
    await this.git("commit", "--quiet", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  /** Checks out `ref`, as a new branch `branch` when given; `orphan` starts that branch with no history. */
  async checkout(ref: string, branch?: string, options: { orphan?: boolean } = {}): Promise<void> {
    await this.git("checkout", "--quiet", ...(branch ? [options.orphan ? "--orphan" : "-b", branch] : []), ref);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
