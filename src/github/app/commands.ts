// `/archreview <command>` in a PR comment: parsing and the permission rule.
import type { GitHubClient, RepoRef } from "../api/client.js";

export type Command = { kind: "rescan" } | { kind: "help" } | { kind: "unknown"; word: string };

export const HELP = [
  "archreview commands (in a pull request comment, by someone with write access):",
  "",
  "- `/archreview rescan`: review the pull request's head again",
  "- `/archreview help`: this list",
].join("\n");

/** The first line that starts with `/archreview` is the command; null when there is none. */
export function parseCommand(body: string): Command | null {
  for (const line of body.split(/\r?\n/)) {
    const match = /^\s*\/archreview(?:\s+(\S+))?\s*$/i.exec(line) ?? /^\s*\/archreview\s+(\S+)/i.exec(line);
    if (!match) continue;
    const word = (match[1] ?? "help").toLowerCase();
    if (word === "rescan") return { kind: "rescan" };
    if (word === "help") return { kind: "help" };
    return { kind: "unknown", word };
  }
  return null;
}

const WRITERS = new Set(["admin", "maintain", "write"]);

/** author_association is not enough (it says nothing of the permission): ask the API. */
export async function canWrite(octokit: GitHubClient, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username });
    return WRITERS.has(data.permission) || WRITERS.has(data.role_name ?? "");
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}
