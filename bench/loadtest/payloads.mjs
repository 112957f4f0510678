// Webhook payloads: GitHub's own examples (@octokit/webhooks-examples, as the app tests use),
// adapted to the fake's repositories, installations and the fixture repository's commits.
import { createRequire } from "node:module";

// The package's entry is a JSON file: require reads it without import attributes.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples");

function example(name, action) {
  const found = examples.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name}.${action}`);
  return found;
}

/**
 * A pull_request delivery's payload. `target`: { owner, repo, installation, number, base, head,
 * before, action } where `before` is the previous head (for synchronize), `webBase` the fake's
 * origin (html_url: the app builds file links from it).
 */
export function pullRequestPayload(target, webBase) {
  const payload = structuredClone(example("pull_request", target.action));
  const fullName = `${target.owner}/${target.repo}`;
  const repository = {
    ...payload.repository,
    name: target.repo,
    full_name: fullName,
    html_url: `${webBase}/${fullName}`,
    owner: { ...payload.repository.owner, login: target.owner },
  };
  const pr = payload.pull_request;
  payload.action = target.action;
  payload.number = pr.number = target.number;
  pr.state = "open";
  pr.draft = false;
  pr.html_url = `${webBase}/${fullName}/pull/${target.number}`;
  pr.base = { ...pr.base, sha: target.base, ref: "main", label: `${target.owner}:main`, repo: repository };
  pr.head = { ...pr.head, sha: target.head, ref: `pr-${target.number}`, label: `${target.owner}:pr-${target.number}`, repo: repository };
  if (target.action === "synchronize") {
    payload.before = target.before;
    payload.after = target.head;
  }
  payload.repository = repository;
  payload.installation = { id: target.installation, node_id: `loadtest-${target.installation}` };
  return payload;
}
