import { describe, expect, it } from "@jest/globals";
import { reviewChange, type ReviewInput } from "../../src/core/review.js";
import type { FileChange, Snapshot } from "../../src/core/model.js";
import { layeredConfig, snapshot } from "./build.js";

function review(base: Snapshot, head: Snapshot, changes: FileChange[] = [], extra: Partial<ReviewInput> = {}) {
  return reviewChange({ base, head, changes, config: layeredConfig(), headBoundaryNames: null, configChangedFile: null, notices: [], ...extra });
}

const baseEdges: [string, string][] = [
  ["src/app/register.ts", "src/domain/user.ts"],
  ["src/infra/db.ts", "src/domain/user.ts"],
];

describe("violations", () => {
  it("reports a violation the head adds, with its line and boundaries", () => {
    const head = snapshot("h", [...baseEdges, ["src/domain/user.ts", "src/infra/db.ts", { line: 7 }]]);
    const r = review(snapshot("b", baseEdges), head, [{ kind: "modified", path: "src/domain/user.ts" }]);
    expect(r.newViolations).toEqual([
      expect.objectContaining({ kind: "boundary", rule: "domain-not-to-infra", severity: "error", from: "src/domain/user.ts", to: "src/infra/db.ts", line: 7, fromBoundary: "domain", toBoundary: "infra" }),
    ]);
    // infra/db.ts already imports domain/user.ts: the new import also closes a cycle.
    expect(r.newCycles.map((c) => c.modules)).toEqual([["src/infra/db.ts", "src/domain/user.ts"]]);
    expect(r.counts.errors).toBe(2);
  });

  it("does not report a violation present at base and head, even when its line moved", () => {
    const v: [string, string, { line: number }] = ["src/domain/user.ts", "src/infra/db.ts", { line: 3 }];
    const r = review(snapshot("b", [...baseEdges, v]), snapshot("h", [...baseEdges, [v[0], v[1], { line: 30 }]]));
    expect(r.newViolations).toEqual([]);
    expect(r.resolvedViolations).toEqual([]);
  });

  it("reports a removed violation as resolved", () => {
    const r = review(snapshot("b", [...baseEdges, ["src/domain/user.ts", "src/infra/db.ts"]]), snapshot("h", baseEdges));
    expect(r.resolvedViolations.map((v) => v.rule)).toEqual(["domain-not-to-infra"]);
    expect(r.counts).toEqual({ errors: 0, warnings: 0 });
  });

  it("applies allow-lists and lets type-only imports through where the rule says so", () => {
    const head = snapshot("h", [
      ...baseEdges,
      ["src/app/register.ts", "src/infra/db.ts", { typeOnly: true }],
      ["src/app/login.ts", "src/infra/db.ts", { line: 4 }],
    ]);
    const r = review(snapshot("b", baseEdges), head);
    expect(r.newViolations.filter((v) => v.kind === "boundary").map((v) => [v.from, v.severity])).toEqual([["src/app/login.ts", "warn"]]);
  });

  it("is rename-aware: a moved file that keeps its imports adds nothing", () => {
    const base = snapshot("b", [...baseEdges, ["src/domain/user.ts", "src/infra/db.ts"], ["src/domain/a.ts", "src/domain/b.ts"], ["src/domain/b.ts", "src/domain/a.ts"]]);
    const head = snapshot("h", [
      ["src/app/register.ts", "src/domain/person.ts"],
      ["src/infra/db.ts", "src/domain/person.ts"],
      ["src/domain/person.ts", "src/infra/db.ts"],
      ["src/domain/a.ts", "src/domain/b.ts"],
      ["src/domain/b.ts", "src/domain/a.ts"],
    ]);
    const r = review(base, head, [{ kind: "renamed", path: "src/domain/person.ts", previousPath: "src/domain/user.ts" }]);
    expect(r.newViolations).toEqual([]);
    expect(r.resolvedViolations).toEqual([]);
    expect(r.newCycles).toEqual([]);
    expect(r.boundaryChanges).toEqual([]);
  });
});

describe("boundary changes and stability", () => {
  it("reports a new dependency between boundaries with its crossing imports", () => {
    const head = snapshot("h", [...baseEdges, ["src/domain/user.ts", "src/infra/db.ts", { line: 2 }]]);
    const r = review(snapshot("b", baseEdges), head);
    expect(r.boundaryChanges).toEqual([{ kind: "new-dependency", from: "domain", to: "infra", imports: [{ from: "src/domain/user.ts", to: "src/infra/db.ts", line: 2 }] }]);
  });

  it("flags a new dependency on a less stable boundary, unless a rule already forbids it", () => {
    // infra/cache.ts -> app makes infra clearly unstable (Ca 1, Ce 2 -> 0.67) against domain's 0.33.
    const base = snapshot("b", [...baseEdges, ["src/infra/cache.ts", "src/app/register.ts"]]);
    const head = snapshot("h", [...base.graph.edges.map((e): [string, string] => [e.from, e.to]), ["src/domain/user.ts", "src/infra/db.ts"]]);
    const ruled = review(base, head);
    expect(ruled.newViolations.map((v) => v.kind)).toEqual(["boundary"]);
    const r = review(base, head, [], { config: { ...layeredConfig(), rules: [] } });
    const stability = r.newViolations.find((v) => v.kind === "stability");
    // head: domain Ca=2 (register, db) Ce=1 -> 0.33; infra Ca=1 Ce=1 -> 0.5
    expect(stability).toEqual(expect.objectContaining({ rule: "stable-dependencies", severity: "warn", fromBoundary: "domain", toBoundary: "infra" }));
    expect(r.metrics.find((m) => m.boundary === "domain")).toEqual({
      boundary: "domain",
      base: { ca: 2, ce: 0, instability: 0, modules: 1 },
      head: { ca: 2, ce: 1, instability: 0.33, modules: 1 },
    });
  });

  it("reports removed dependencies, boundaries that appear and the edited config", () => {
    const head = snapshot("h", [["src/app/register.ts", "src/domain/user.ts"]], { modules: ["src/infra/db.ts"] });
    const r = review(snapshot("b", baseEdges), head, [], { headBoundaryNames: ["domain", "app", "infra", "payments"], configChangedFile: ".github/archreview.yml" });
    expect(r.boundaryChanges.map((c) => [c.kind, c.from ?? c.boundary ?? c.file, c.to])).toEqual([
      ["removed-dependency", "infra", "domain"],
      ["boundary-added", "payments", undefined],
      ["config-changed", ".github/archreview.yml", undefined],
    ]);
  });
});

describe("stability margin", () => {
  it("does not warn when the target is only marginally less stable", () => {
    // domain: Ca 2 Ce 1 -> 0.33; infra: Ca 1 Ce 1 -> 0.5 (gap 0.17 < 0.2)
    const head = snapshot("h", [...baseEdges, ["src/infra/db.ts", "src/app/register.ts"], ["src/domain/user.ts", "src/infra/db.ts"]]);
    const base = snapshot("b", [...baseEdges, ["src/infra/db.ts", "src/app/register.ts"]]);
    const r = review(base, head, [], { config: { ...layeredConfig(), rules: [] } });
    expect(r.boundaryChanges.map((c) => c.kind)).toEqual(["new-dependency"]);
    expect(r.newViolations).toEqual([]);
  });
});
