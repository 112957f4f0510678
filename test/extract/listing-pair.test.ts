// A review's two listings parsed as one (git-objects.ts parseListingPair): whatever the change, each
// side's entries are exactly what parsing its own listing gives, in git's order; the head's entries
// outside the stretch where the listings differ are the base's own objects, and the stretch is
// reported as the delta. A derived listing (git-tree-listing.ts listDerived) equals a full one.
import { describe, expect, it } from "@jest/globals";
import { parseListingPair, parseTreeListing, type GitEntry } from "../../src/extract/git-objects.js";
import { listDerived, listEntries, topSkippedDir } from "../../src/extract/git-tree-listing.js";
import { inSkippedDir, isSourceFile, mayListSkippedDir, SOURCE_EXTENSIONS } from "../../src/extract/files.js";
import { seededRandom } from "../helpers/seeded-random.js";

type Row = { path: string; mode: string; object: string; size: number };

/** `git ls-tree -r -l -z` bytes of `rows` (sorted as git sorts: by the bytes of the path). */
function listingOf(rows: Row[]): Buffer {
  const sorted = [...rows].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
  const line = (r: Row): string => `${r.mode} ${r.mode === "160000" ? "commit" : "blob"} ${r.object} ${r.mode === "160000" ? "-".padStart(7) : String(r.size).padStart(7)}\t${r.path}\0`;
  return Buffer.from(sorted.map(line).join(""), "utf8");
}


const NAMES = ["a", "b", "ab", "a b", "dé", "名", "node_modules", "src", "x.ts", "y.json", "tsconfig.json", "z-1", "z.1", "z1"];
const MODES = ["100644", "100644", "100644", "100755", "120000", "160000"];

function rowOf(next: () => number, path: string): Row {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const object = Array.from({ length: 40 }, () => "0123456789abcdef"[Math.floor(next() * 16)]).join("");
  return { path, mode: pick(MODES), object, size: Math.floor(next() * 200_000) };
}

function randomTree(next: () => number, count: number): Row[] {
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const rows = new Map<string, Row>();
  while (rows.size < count) {
    const path = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(NAMES)).join("/");
    // A path that is a prefix directory of another is no file of the same tree.
    if ([...rows.keys()].some((p) => p.startsWith(`${path}/`) || path.startsWith(`${p}/`))) continue;
    rows.set(path, rowOf(next, path));
  }
  return [...rows.values()];
}

/** The head: the base with a few entries modified (object or size), removed, or added. */
function changed(next: () => number, base: Row[]): Row[] {
  const rows = base.map((r) => ({ ...r }));
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits && rows.length > 0; i++) {
    const at = Math.floor(next() * rows.length);
    const kind = next();
    if (kind < 0.4) rows[at] = { ...rowOf(next, (rows[at] as Row).path), mode: (rows[at] as Row).mode };
    else if (kind < 0.7) rows.splice(at, 1);
    else {
      const path = `${(rows[at] as Row).path.split("/").slice(0, -1).concat(`new${i}.ts`).join("/")}`;
      if (!rows.some((r) => r.path === path || r.path.startsWith(`${path}/`))) rows.push(rowOf(next, path));
    }
  }
  return rows;
}

const ordered = (map: Map<string, GitEntry>): [string, GitEntry][] => [...map];

function expectPairMatches(base: Buffer, head: Buffer): void {
  const pair = parseListingPair(base, head);
  const [alone, headAlone] = [parseTreeListing(base), parseTreeListing(head)];
  expect(ordered(pair.base)).toEqual(ordered(alone));
  expect(ordered(pair.head)).toEqual(ordered(headAlone));
  for (const [file, entry] of pair.delta.removed) expect(pair.base.get(file)).toBe(entry);
  for (const [file, entry] of pair.delta.added) expect(pair.head.get(file)).toBe(entry);
  // Outside the delta the head holds the base's very entries (parsed once).
  for (const [file, entry] of pair.head) if (!pair.delta.added.has(file)) expect(pair.base.get(file)).toBe(entry);
  for (const file of pair.base.keys()) if (!pair.head.has(file)) expect(pair.delta.removed.has(file)).toBe(true);
}

describe("parseListingPair", () => {
  it("parses each side as its own listing, for hand-picked changes at the start, the middle and the end", () => {
    const row = (path: string, object = "a".repeat(40), size = 10): Row => ({ path, mode: "100644", object, size });
    const base = [row("a.ts"), row("b/c.ts"), row("b/d.ts"), row("dé/名.ts"), row("z.ts")];
    const cases: Row[][] = [
      base,
      [row("0.ts"), ...base],
      [...base, row("zz.ts")],
      base.filter((r) => r.path !== "a.ts"),
      base.filter((r) => r.path !== "z.ts"),
      base.map((r) => (r.path === "b/d.ts" ? row("b/d.ts", "b".repeat(40), 10) : r)),
      // The size column alone differs, right-aligned: the bytes before it are shared.
      base.map((r) => (r.path === "b/c.ts" ? row("b/c.ts", "a".repeat(40), 1_000_000) : r)),
      // A path that extends another's name: the listings part in the middle of a path.
      [...base, row("b/c.tsx")],
      base.map((r) => (r.path === "dé/名.ts" ? row("dé/名字.ts") : r)),
      [],
    ];
    for (const head of cases) {
      expectPairMatches(listingOf(base), listingOf(head));
      expectPairMatches(listingOf(head), listingOf(base));
    }
    expectPairMatches(Buffer.alloc(0), Buffer.alloc(0));
  });

  it("parses each side as its own listing, for 300 random trees and changes (files, links, submodules, skipped directories)", () => {
    const next = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const base = randomTree(next, 1 + Math.floor(next() * 25));
      const head = changed(next, base);
      expectPairMatches(listingOf(base), listingOf(head));
    }
  });

  it("shares the base's entries with an identical head listing", () => {
    const listing = listingOf([{ path: "a.ts", mode: "100644", object: "c".repeat(40), size: 3 }]);
    const pair = parseListingPair(listing, Buffer.from(listing));
    expect(pair.head.get("a.ts")).toBe(pair.base.get("a.ts"));
    expect(pair.delta.added.size + pair.delta.removed.size).toBe(0);
  });
});

describe("listDerived", () => {
  const skip = { inSkippedDir, topSkippedDir };

  it("lists the head from the base's listing and the delta exactly as listing the head in full, or declines", () => {
    const next = seededRandom(11);
    let derivedCount = 0;
    for (let i = 0; i < 300; i++) {
      const base = randomTree(next, 1 + Math.floor(next() * 25));
      const pair = parseListingPair(listingOf(base), listingOf(changed(next, base)));
      const derived = listDerived(listEntries(pair.base, skip), pair.delta);
      const touchesSkipped = [...pair.delta.removed.keys(), ...pair.delta.added.keys()].some(inSkippedDir);
      if (touchesSkipped) expect(derived).toBeNull();
      else {
        derivedCount++;
        // Links are only judged, then sorted by path (git-tree.ts list()): their order is free.
        const full = listEntries(pair.head, skip);
        expect({ ...derived, links: derived?.links.slice().sort() }).toEqual({ ...full, links: full.links.slice().sort() });
      }
    }
    expect(derivedCount).toBeGreaterThan(100);
  });
});

describe("the cheap tests a listing is read with", () => {
  it("isSourceFile accepts exactly the names ending in a source extension", () => {
    const names = ["a.ts", "a.d.ts", "a.tsx", "b.mts", "b.cts", "c.js", "c.jsx", "c.mjs", "c.cjs", "ts", ".ts", "a.ts/b", "a.json", "a.tsx.bak", "dir.js/file", "a.", "名.ts", "a.TS", "x.mtsx"];
    for (const name of names) expect(isSourceFile(name)).toBe(SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext)));
  });

  it("mayListSkippedDir is false only for listings that name no skipped directory", () => {
    const next = seededRandom(5);
    for (let i = 0; i < 200; i++) {
      const rows = randomTree(next, 1 + Math.floor(next() * 12));
      const listing = listingOf(rows);
      if (rows.some((r) => inSkippedDir(r.path))) expect(mayListSkippedDir(listing)).toBe(true);
    }
    expect(mayListSkippedDir(listingOf([{ path: "src/a.ts", mode: "100644", object: "d".repeat(40), size: 1 }]))).toBe(false);
    expect(mayListSkippedDir(new Uint8Array(listingOf([{ path: "x/.git/config", mode: "100644", object: "d".repeat(40), size: 1 }])))).toBe(true);
  });
});
