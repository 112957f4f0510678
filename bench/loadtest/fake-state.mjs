// What the fake GitHub remembers: every check run (created, each update, completion), every PR
// comment (created, updated), per repository and PR, and every request it did not expect. The
// verdict is computed from this alone, as a user looking at GitHub would see it.

export class GitHubState {
  constructor() {
    this.nextCheckId = 1;
    this.nextCommentId = 1;
    /** id -> check run */
    this.checks = new Map();
    /** id -> comment */
    this.comments = new Map();
    /** "owner/repo#n" -> { commentsCreated, commentUpdates } */
    this.prs = new Map();
    this.unexpected = [];
    /** "METHOD route" -> count, to see what a load of reviews costs in requests */
    this.requests = new Map();
    this.tokensIssued = 0;
    this.tarballsBuilt = 0;
    this.lastRequestAt = 0;
  }

  count(route) {
    this.requests.set(route, (this.requests.get(route) ?? 0) + 1);
    this.lastRequestAt = Date.now();
  }

  unexpectedRequest(method, url, why) {
    // Bounded: a runaway client must not grow the report without limit.
    if (this.unexpected.length < 200) this.unexpected.push({ method, url, why, at: new Date().toISOString() });
    else this.unexpected.overflow = (this.unexpected.overflow ?? 0) + 1;
  }

  pr(repo, number) {
    const key = `${repo}#${number}`;
    let pr = this.prs.get(key);
    if (!pr) {
      pr = { commentsCreated: [], commentUpdates: 0 };
      this.prs.set(key, pr);
    }
    return pr;
  }

  createCheck(repo, body) {
    const check = {
      id: this.nextCheckId++,
      repo,
      name: body.name,
      headSha: body.head_sha,
      externalId: body.external_id ?? null,
      status: body.status ?? "queued",
      conclusion: null,
      title: null,
      createdAt: Date.now(),
      completedAt: null,
      /** every PATCH body's gist, in order */
      updates: [],
      /** PATCHes that completed it: more than one means the check changed its verdict */
      completions: 0,
    };
    if (body.status === "completed") this.complete(check, body);
    this.checks.set(check.id, check);
    return check;
  }

  updateCheck(check, body) {
    check.updates.push({ status: body.status ?? null, conclusion: body.conclusion ?? null, title: body.output?.title ?? null, at: Date.now() });
    if (body.status === "completed" || body.conclusion) this.complete(check, body);
    else if (body.status) check.status = body.status;
  }

  complete(check, body) {
    check.status = "completed";
    check.conclusion = body.conclusion ?? null;
    check.title = body.output?.title ?? check.title;
    check.completedAt = Date.now();
    check.completions++;
  }

  checksFor(repo, headSha) {
    return [...this.checks.values()].filter((c) => c.repo === repo && c.headSha === headSha);
  }

  createComment(repo, number, body) {
    const comment = { id: this.nextCommentId++, repo, number, body, createdAt: Date.now(), updates: 0 };
    this.comments.set(comment.id, comment);
    this.pr(repo, number).commentsCreated.push(comment.id);
    return comment;
  }

  updateComment(comment, body) {
    comment.body = body;
    comment.updates++;
    this.pr(comment.repo, comment.number).commentUpdates++;
  }

  commentsOn(repo, number) {
    return [...this.comments.values()].filter((c) => c.repo === repo && c.number === number);
  }
}

/** The shape GitHub returns for a check run (the fields the app reads, and a few more). */
export function checkRunJson(check, apiBase) {
  return {
    id: check.id,
    name: check.name,
    head_sha: check.headSha,
    external_id: check.externalId,
    status: check.status,
    conclusion: check.conclusion,
    url: `${apiBase}/repos/${check.repo}/check-runs/${check.id}`,
    output: { title: check.title, summary: null, text: null, annotations_count: 0 },
    pull_requests: [],
    app: { id: 1, slug: "archreview" },
  };
}

/** The shape GitHub returns for an issue comment; the app finds its report by the bot user. */
export function commentJson(comment, apiBase) {
  return {
    id: comment.id,
    body: comment.body,
    url: `${apiBase}/repos/${comment.repo}/issues/comments/${comment.id}`,
    user: { login: "archreview[bot]", id: 1, type: "Bot" },
    created_at: new Date(comment.createdAt).toISOString(),
  };
}
