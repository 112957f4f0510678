// Creating something on GitHub exactly once although requests fail. A create answered with a 5xx
// or cut by a timeout may have happened anyway: retrying it blindly can leave two comments or two
// check runs. So after such a failure we look for what we meant to create, and create again only
// when it is not there. A 4xx is a definite "no" and is not retried here (resilience.ts already
// waited out rate limits and renewed an expired token).
import { isAmbiguous } from "./github-errors.js";
import { backoffMs, sleep, type GitHubPolicy } from "./github-policy.js";

export interface CreateOnceLog {
  warn(meta: object, message: string): void;
}

/**
 * `create` until it succeeds; after an ambiguous failure, `find` first and return what it finds.
 * At most `policy.retries + 1` creates; without a policy (a plain client) just one.
 */
export async function createOnce<T>(create: () => Promise<T>, find: () => Promise<T | null>, policy: GitHubPolicy | undefined, log?: CreateOnceLog): Promise<T> {
  const attempts = (policy?.retries ?? 0) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!isAmbiguous(error) || attempt >= attempts || !policy) throw error;
      log?.warn({ attempt, status: (error as { status?: unknown }).status ?? "network" }, "A create failed ambiguously: looking for it before creating again");
      await sleep(backoffMs(policy, attempt));
      const found = await find();
      if (found !== null) return found;
    }
  }
}
