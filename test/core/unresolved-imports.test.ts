// A review never loses edges silently: unresolved imports are counted in the stats, the change's
// new ones are listed, and a rise is a notice; a review with none keeps its JSON as it was.
import { describe, expect, it } from "@jest/globals";
import type { ExternalImport, FileChange, Snapshot } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { renderJson } from "../../src/report/json.js";
import { layeredConfig, snapshot } from "./build.js";

function unresolvedImport(from: string, specifier: string, line: number): ExternalImport {
  return { from, specifier, line, resolved: specifier, dependencyTypes: ["unknown"], coreModule: false, couldNotResolve: true, dynamic: false, typeOnly: false };
}

const npmImport: ExternalImport = { from: "src/app/a.ts", specifier: "lodash", line: 1, resolved: "node_modules/lodash/index.js", dependencyTypes: ["npm", "import"], coreModule: false, couldNotResolve: false, dynamic: false, typeOnly: false };

function withExternal(s: Snapshot, external: ExternalImport[] | undefined): Snapshot {
  return { ...s, graph: external === undefined ? s.graph : { ...s.graph, external } };
}

const review = (base: Snapshot, head: Snapshot, changes: FileChange[] = [{ kind: "modified", path: "src/app/a.ts" }]) =>
  reviewChange({ base, head, changes, config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [] });

describe("unresolved imports in the review", () => {
  const edges: [string, string][] = [["src/app/a.ts", "src/domain/b.ts"]];

  it("lists the change's new unresolved imports, counts both sides and gives a notice when they rise", () => {
    const base = withExternal(snapshot("b", edges), [unresolvedImport("src/app/old.ts", "./gone", 3), npmImport]);
    const head = withExternal(snapshot("h", edges), [
      unresolvedImport("src/app/a.ts", "@app/typo", 2),
      unresolvedImport("src/app/new.ts", "./gone", 3),
      unresolvedImport("src/app/a.ts", "./missing", 5),
      npmImport,
    ]);
    // old.ts was renamed to new.ts: its unresolved import is not new.
    const r = review(base, head, [{ kind: "renamed", path: "src/app/new.ts", previousPath: "src/app/old.ts" }, { kind: "modified", path: "src/app/a.ts" }]);
    expect(r.unresolved).toEqual([
      { file: "src/app/a.ts", line: 2, specifier: "@app/typo" },
      { file: "src/app/a.ts", line: 5, specifier: "./missing" },
    ]);
    expect(r.stats).toMatchObject({ unresolvedBase: 1, unresolvedHead: 3 });
    expect(r.notices.filter((n) => n.includes("resolve to no file"))).toEqual([
      "2 imports of this change resolve to no file (unresolved imports: 1 at base, 3 at head): the graph has no edge for them, so rules and cycles cannot see them.",
    ]);
  });

  it("gives no notice when the count does not rise, and keeps the counts", () => {
    const base = withExternal(snapshot("b", edges), [unresolvedImport("src/app/a.ts", "./x", 1), unresolvedImport("src/app/a.ts", "./y", 2)]);
    const head = withExternal(snapshot("h", edges), [unresolvedImport("src/app/a.ts", "./z", 1)]);
    const r = review(base, head);
    expect(r.unresolved).toEqual([{ file: "src/app/a.ts", line: 1, specifier: "./z" }]);
    expect(r.stats).toMatchObject({ unresolvedBase: 2, unresolvedHead: 1 });
    expect(r.notices.some((n) => n.includes("resolve to no file"))).toBe(false);
  });

  it("leaves the JSON byte-identical when nothing is unresolved (resolved npm imports only, or no external at all)", () => {
    const plain = renderJson(review(snapshot("b", edges), snapshot("h", edges)));
    const withNpm = renderJson(review(withExternal(snapshot("b", edges), [npmImport]), withExternal(snapshot("h", edges), [npmImport])));
    expect(withNpm).toBe(plain);
    expect(plain).not.toContain("unresolved");
  });
});
