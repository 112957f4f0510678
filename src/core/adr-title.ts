// The name of the decision an ADR stub records, and the file name it gets: data the engine
// decides (the stub's path is part of the review), words report/adr.ts then writes around.
import type { BoundaryChange } from "./model.js";

const TITLE_CHANGES_LISTED = 3;

/** The title names the decision to be made, e.g. `Allow domain to depend on infrastructure`. */
export function adrTitle(changes: BoundaryChange[]): string {
  const structural = changes.filter((c) => c.kind !== "config-changed");
  const [only] = structural;
  if (structural.length === 1 && only) {
    const { from = "?", to = "?", boundary = "?" } = only;
    if (only.kind === "new-dependency") return `Allow ${from} to depend on ${to}`;
    if (only.kind === "removed-dependency") return `Remove the dependency of ${from} on ${to}`;
    if (only.kind === "boundary-added") return `Add boundary ${boundary}`;
    return `Remove boundary ${boundary}`;
  }
  if (structural.length === 0) return "Change architecture boundaries configuration";
  const phrase = (c: BoundaryChange): string => {
    if (c.kind === "new-dependency") return `${c.from ?? "?"} → ${c.to ?? "?"}`;
    if (c.kind === "removed-dependency") return `no ${c.from ?? "?"} → ${c.to ?? "?"}`;
    return `${c.kind === "boundary-added" ? "add" : "remove"} ${c.boundary ?? "?"}`;
  };
  const listed = structural.slice(0, TITLE_CHANGES_LISTED).map(phrase);
  const rest = structural.length - listed.length;
  return `Boundary changes: ${listed.join(", ")}${rest > 0 ? ` and ${rest} more` : ""}`;
}

/**
 * `a-b-b-c` -> `a-b-c`, `x-ui-kit-ui-kit-y` -> `x-ui-kit-y`: a title chaining boundaries
 * (`a → b, b → c`) repeats the middle name once the arrows are gone.
 */
function withoutRepeatedRuns(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    out.push(word);
    for (let k = 1; 2 * k <= out.length; k++) {
      const first = out.slice(out.length - 2 * k, out.length - k);
      if (first.every((w, i) => w === out[out.length - k + i])) {
        out.length -= k;
        break;
      }
    }
  }
  return out;
}

/** Lowercase ASCII words joined by dashes, without repeated runs, at most 60 characters, cut between words. */
export function slugify(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const words = withoutRepeatedRuns(ascii.split("-")).join("-");
  if (words.length <= 60) return words || "untitled";
  const cut = words.slice(0, 61);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > 0 ? cut.slice(0, lastDash) : cut.slice(0, 60)).replace(/-+$/, "");
}

