// The verdict, from what the fake GitHub recorded (what a user would see on the PRs): reviews
// completed, superseded checks, duplicates and lost reviews. Every head commit belongs to exactly
// one PR and one push, so each check run is attributed by its head sha alone.

const SUPERSEDED = /^Superseded by ([0-9a-f]{7})/;

export const isSuperseded = (check) => check.status === "completed" && SUPERSEDED.test(check.title ?? "");
export const isReview = (check) => check.status === "completed" && !SUPERSEDED.test(check.title ?? "");

function tally(items, key) {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** PR key -> { target, lastPush } for the pushes actually sent (a time bound may stop sending early). */
export function sentPushes(deliveries) {
  const prs = new Map();
  for (const d of deliveries) {
    const key = `${d.target.owner}/${d.target.repo}#${d.target.number}`;
    const pr = prs.get(key) ?? { target: d.target, lastPush: -1 };
    pr.lastPush = Math.max(pr.lastPush, d.push);
    prs.set(key, pr);
  }
  return prs;
}

/** Is every sent PR's last head reviewed, and nothing left in progress? (The wait loop's test.) */
export function settled(state, prs) {
  for (const check of state.checks.values()) if (check.status !== "completed") return false;
  for (const { target, lastPush } of prs.values()) {
    const repo = `${target.owner}/${target.repo}`;
    if (!state.checksFor(repo, target.heads[lastPush]).some(isReview)) return false;
  }
  return true;
}

/** `t0`: epoch ms the first delivery was sent; times in the details are relative to it. */
export function verdict(state, prs, t0) {
  const headOf = new Map();
  for (const [key, { target }] of prs) target.heads.forEach((sha, push) => headOf.set(`${target.owner}/${target.repo}@${sha}`, { key, push, target }));
  const checks = [...state.checks.values()];
  const strays = checks.filter((c) => !headOf.has(`${c.repo}@${c.headSha}`));

  const reviews = checks.filter(isReview);
  const superseded = checks.filter(isSuperseded);
  const inProgress = checks.filter((c) => c.status !== "completed");

  // Superseded "by" a push older than the superseded one: the latest push did not win.
  const supersededByOlder = superseded.filter((c) => {
    const own = headOf.get(`${c.repo}@${c.headSha}`);
    const by = SUPERSEDED.exec(c.title)[1];
    const byPush = own?.target.heads.findIndex((sha) => sha.startsWith(by));
    return own && byPush !== undefined && byPush >= 0 && byPush < own.push;
  });

  const byHead = new Map();
  for (const c of checks) byHead.set(`${c.repo}@${c.headSha}`, [...(byHead.get(`${c.repo}@${c.headSha}`) ?? []), c]);
  const duplicateReviews = [...byHead].filter(([, cs]) => cs.filter(isReview).length > 1).map(([head, cs]) => ({ head, reviews: cs.filter(isReview).length }));
  // One original delivery per head: a second check run means a delivery was handled twice.
  const duplicateCheckRuns = [...byHead].filter(([, cs]) => cs.length > 1).map(([head, cs]) => ({ head, checkRuns: cs.length, externalIds: cs.map((c) => c.externalId) }));
  const recompleted = checks.filter((c) => c.completions > 1).map((c) => ({ id: c.id, head: c.headSha, completions: c.completions, updates: c.updates }));

  const duplicateComments = [];
  const missingComments = [];
  const lost = [];
  const lastHeadConclusions = [];
  for (const [key, { target, lastPush }] of prs) {
    const repo = `${target.owner}/${target.repo}`;
    const created = state.pr(repo, target.number).commentsCreated.length;
    if (created > 1) duplicateComments.push({ pr: key, commentsCreated: created });
    // Every head violates a rule: a reviewed PR must carry exactly one report comment.
    if (created === 0) missingComments.push(key);
    const last = target.heads[lastPush];
    const lastChecks = state.checksFor(repo, last);
    const review = lastChecks.find(isReview);
    if (review) lastHeadConclusions.push(`${review.conclusion}: ${review.title}`);
    const prInProgress = checks.filter((c) => c.repo === repo && c.status !== "completed" && headOf.get(`${c.repo}@${c.headSha}`)?.key === key);
    if (review && prInProgress.length === 0) continue;
    let why;
    if (review) why = `${prInProgress.length} check run(s) of earlier pushes left in progress`;
    else if (lastChecks.length === 0) why = "no check run for the last head";
    else if (lastChecks.every(isSuperseded)) why = `last head's check completed as "${lastChecks[0].title}"`;
    else why = "last head's check still in progress";
    // Every check of the PR, push by push: ids grow in creation order, so this shows which push's
    // check the app created when, and which push's review it published.
    const pushes = target.heads.slice(0, lastPush + 1).map((sha, push) => ({
      push: push + 1,
      head: sha.slice(0, 7),
      checks: state.checksFor(repo, sha).map((c) => ({ id: c.id, createdMs: c.createdAt - t0, completedMs: c.completedAt === null ? null : c.completedAt - t0, status: c.status, conclusion: c.conclusion, title: c.title, externalId: c.externalId })),
    }));
    lost.push({ pr: key, lastPush: lastPush + 1, lastHead: last, why, pushes });
  }

  return {
    prs: prs.size,
    checkRunsCreated: checks.length,
    reviewsCompleted: reviews.length,
    superseded: superseded.length,
    supersededByOlderPush: supersededByOlder.length,
    inProgressAtEnd: inProgress.length,
    // When the first and the last review landed, from the first delivery: a queue that starts
    // reviewing only once a backlog has cleared shows here.
    firstReviewSeconds: reviews.length ? Math.min(...reviews.map((c) => c.completedAt - t0)) / 1000 : null,
    lastReviewSeconds: reviews.length ? Math.max(...reviews.map((c) => c.completedAt - t0)) / 1000 : null,
    reviewConclusions: tally(reviews, (c) => c.conclusion),
    lastHeadConclusions: tally(lastHeadConclusions, (x) => x),
    commentsCreated: [...state.prs.values()].reduce((n, p) => n + p.commentsCreated.length, 0),
    commentUpdates: [...state.prs.values()].reduce((n, p) => n + p.commentUpdates, 0),
    duplicates: duplicateComments.length + duplicateReviews.length + duplicateCheckRuns.length,
    lost: lost.length,
    details: { duplicateComments, duplicateReviews, duplicateCheckRuns, recompleted, missingComments, lost, strayCheckRuns: strays.length },
  };
}
