// The repository the fake GitHub serves: docs/demo-sample as the base commit, then for each
// PR a chain of head commits (one per push), each adding a domain -> infrastructure import, so
// every head's review has a violation to report (a failed check and a PR comment).
// The heads are written by one `git fast-import` process: hundreds of `git commit` runs would take
// longer than the load check itself.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import path from "node:path";

const IDENTITY = {
  GIT_AUTHOR_NAME: "archreview-loadtest",
  GIT_AUTHOR_EMAIL: "loadtest@example.invalid",
  GIT_COMMITTER_NAME: "archreview-loadtest",
  GIT_COMMITTER_EMAIL: "loadtest@example.invalid",
};

// Same violation as the app tests use; the trailing comment makes every push a distinct tree.
const violation = (pr, push) =>
  `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n// load check: pr ${pr} push ${push}\n`;

function git(dir, args, input) {
  return execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", ...args], {
    cwd: dir,
    env: { ...process.env, ...IDENTITY },
    input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["pipe", "pipe", "pipe"],
  }).trim();
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * Builds the repository in `dir` (an empty temp dir). Returns the base sha and, per PR (0-based),
 * the head shas of its pushes in order.
 */
export function buildFixtureRepo(dir, templateDir, prs, pushes) {
  cpSync(templateDir, dir, { recursive: true });
  git(dir, ["init", "--quiet", "--initial-branch=main"]);
  git(dir, ["add", "--all"]);
  git(dir, ["commit", "--quiet", "-m", "base: the layered sample"]);
  const base = git(dir, ["rev-parse", "HEAD"]);

  let stream = "";
  let mark = 0;
  const marks = [];
  for (let pr = 0; pr < prs; pr++) {
    const chain = [];
    for (let push = 0; push < pushes; push++) {
      mark++;
      const parent = push === 0 ? base : `:${mark - 1}`;
      stream += `commit refs/heads/pr-${pr + 1}\nmark :${mark}\ncommitter archreview-loadtest <loadtest@example.invalid> ${1_700_000_000 + mark} +0000\n`;
      stream += data(`pr ${pr + 1} push ${push + 1}: domain imports infrastructure`);
      stream += `from ${parent}\nM 100644 inline src/domain/shortcut.ts\n${data(violation(pr + 1, push + 1))}`;
      chain.push(mark);
    }
    marks.push(chain);
  }
  const marksFile = path.join(dir, ".git", "loadtest-marks");
  git(dir, ["fast-import", "--quiet", `--export-marks=${marksFile}`], stream);
  const shaOf = new Map(
    readFileSync(marksFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => {
        const [m, sha] = line.split(" ");
        return [Number(m.slice(1)), sha];
      }),
  );
  return { base, heads: marks.map((chain) => chain.map((m) => shaOf.get(m))) };
}
