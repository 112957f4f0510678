// What `git diff --raw -z` says changed between two trees, as the review's FileChange list. Pure.
import type { FileChange } from "../core/model.js";

/** `git diff --raw -z`: ":<mode> <mode> <object> <object> <status>\0<path>[\0<path>]" entries, as name-status reads. */
export function parseRawDiff(out: string): FileChange[] {
  const fields = out.split("\0");
  const nameStatus: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    if (!field.startsWith(":")) continue;
    const status = field.split(" ").pop() ?? "";
    const paths = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    nameStatus.push(status, ...fields.slice(i + 1, i + 1 + paths));
    i += paths;
  }
  return parseNameStatus(nameStatus.join("\0"));
}

/** `git diff --name-status -z` entries; a copy counts as an added file. */
export function parseNameStatus(out: string): FileChange[] {
  const parts = out.split("\0").filter((p) => p !== "");
  const changes: FileChange[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++] as string;
    const code = status[0];
    if (code === "R" || code === "C") {
      const previousPath = parts[i++] as string;
      const p = parts[i++] as string;
      changes.push(code === "R" ? { kind: "renamed", path: p, previousPath } : { kind: "added", path: p });
    } else {
      const p = parts[i++] as string;
      changes.push({ kind: code === "A" ? "added" : code === "D" ? "deleted" : "modified", path: p });
    }
  }
  return changes;
}
