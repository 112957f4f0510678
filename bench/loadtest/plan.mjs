// What the load check sends, decided before anything is sent: which PR lives in which repository
// and installation, the order of pushes in each burst, and which deliveries are sent twice.
import { randomUUID } from "node:crypto";

export const OWNER = "Codertocat";

/** mulberry32: a small seeded generator, so the same --seed resends the same deliveries. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** PR i (0-based) -> where it lives. One installation: the examples' Codertocat/Hello-World. */
export function prTargets(options, repo) {
  return Array.from({ length: options.prs }, (_, i) => {
    const installation = (i % options.installations) + 1;
    return {
      index: i,
      owner: OWNER,
      repo: options.installations === 1 ? "Hello-World" : `Hello-World-${installation}`,
      installation,
      number: Math.floor(i / options.installations) + 1,
      base: repo.base,
      heads: repo.heads[i],
    };
  });
}

/**
 * Bursts of deliveries. Each PR's pushes are spread over the bursts (burst b gets pushes
 * [b*P/B, (b+1)*P/B)); in a burst, each PR's pushes are sent back to back, PR after PR. The
 * first push opens the PR, the others are synchronize events. About `resendPercent` of the
 * deliveries are sent again under the same delivery id at the end of their burst, after newer
 * pushes: handled twice, they would create a second check and supersede the newer push.
 */
export function planBursts(options, targets) {
  const next = random(options.seed);
  const bursts = [];
  const all = [];
  for (let b = 0; b < options.bursts; b++) {
    const from = Math.floor((b * options.pushes) / options.bursts);
    const to = Math.floor(((b + 1) * options.pushes) / options.bursts);
    const burst = [];
    for (const target of targets) {
      for (let push = from; push < to; push++) {
        const delivery = {
          id: randomUUID(),
          burst: b,
          target,
          push,
          action: push === 0 ? "opened" : "synchronize",
          head: target.heads[push],
          before: push === 0 ? target.base : target.heads[push - 1],
          resend: false,
        };
        burst.push(delivery);
        all.push(delivery);
      }
    }
    bursts.push(burst);
  }
  const resends = Math.ceil((all.length * options.resendPercent) / 100);
  const chosen = new Set();
  // Bounded: picks among `all` until enough distinct ones (resends <= all.length by the caps).
  for (let tries = 0; chosen.size < resends && tries < all.length * 20; tries++) chosen.add(all[Math.floor(next() * all.length)]);
  for (const original of chosen) bursts[original.burst].push({ ...original, resend: true });
  return bursts;
}
