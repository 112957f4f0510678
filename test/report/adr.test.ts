import { describe, it, expect } from "@jest/globals";
import type { BoundaryChange } from "../../src/core/model.js";
import { adrTitle, renderAdr, slugify, type AdrInput } from "../../src/report/adr.js";
import { BASE_SHA, HEAD_SHA, sampleReview } from "./sample-review.js";

const newDependency: BoundaryChange = {
  kind: "new-dependency",
  from: "domain",
  to: "infrastructure",
  imports: [{ from: "src/domain/user.ts", to: "src/infrastructure/db.ts", line: 3 }],
};

function input(overrides: Partial<AdrInput> = {}): AdrInput {
  return { number: 7, title: "Allow domain to depend on infrastructure", date: "2024-05-01", base: BASE_SHA, head: HEAD_SHA, changes: [newDependency], metrics: [], configFile: null, ...overrides };
}

describe("adrTitle", () => {
  it("names the decision", () => {
    expect(adrTitle([newDependency])).toBe("Allow domain to depend on infrastructure");
    expect(adrTitle([newDependency, { kind: "config-changed", file: "a.yml" }])).toBe("Allow domain to depend on infrastructure");
    expect(adrTitle([newDependency, { kind: "new-dependency", from: "ui", to: "db" }])).toBe("Boundary changes: domain → infrastructure, ui → db");
    expect(adrTitle([{ kind: "boundary-added", boundary: "payments" }])).toBe("Add boundary payments");
    expect(adrTitle([{ kind: "boundary-removed", boundary: "legacy" }])).toBe("Remove boundary legacy");
    expect(adrTitle([{ kind: "removed-dependency", from: "ui", to: "db" }])).toBe("Remove the dependency of ui on db");
    expect(adrTitle([{ kind: "config-changed", file: "a.yml" }])).toBe("Change architecture boundaries configuration");
  });

  it("stays short when many boundaries change", () => {
    const many: BoundaryChange[] = ["a", "b", "c", "d", "e"].map((b) => ({ kind: "boundary-added", boundary: b }));
    expect(adrTitle(many)).toBe("Boundary changes: add a, add b, add c and 2 more");
  });
});

describe("slugify", () => {
  it("makes lowercase ascii words joined by dashes", () => {
    expect(slugify("Allow domain to depend on infrastructure")).toBe("allow-domain-to-depend-on-infrastructure");
    expect(slugify("Boundary changes: domain → infra, Café/ui")).toBe("boundary-changes-domain-infra-cafe-ui");
    expect(slugify("→ ✓")).toBe("untitled");
  });

  it("cuts at 60 characters between words", () => {
    const slug = slugify("Boundary changes: presentation → application, application → infrastructure-adapters");
    expect(slug).toBe("boundary-changes-presentation-application-infrastructure");
    expect(slugify("x".repeat(80))).toBe("x".repeat(60));
  });

  it("says a boundary chained through two changes once (no `-uploaders-uploaders`)", () => {
    expect(slugify("Boundary changes: web → uploaders, uploaders → storage")).toBe("boundary-changes-web-uploaders-storage");
    expect(slugify("Boundary changes: web → ui-kit, ui-kit → theme")).toBe("boundary-changes-web-ui-kit-theme");
    expect(slugify("Boundary changes: app → uploaders, no uploaders → legacy")).toBe("boundary-changes-app-uploaders-no-uploaders-legacy");
  });
});

describe("renderAdr", () => {
  it("follows Nygard's format and fills the context with facts", () => {
    const text = renderAdr(
      input({
        metrics: [{ boundary: "domain", base: { ca: 4, ce: 1, instability: 0.2, modules: 10 }, head: { ca: 4, ce: 2, instability: 0.33, modules: 10 } }],
        configFile: ".github/archreview.yml",
      }),
    );
    expect(text.startsWith("# 7. Allow domain to depend on infrastructure\n\nDate: 2024-05-01\n\n## Status\n\nProposed\n\n## Context\n")).toBe(true);
    expect(text).toContain("- `domain` now depends on `infrastructure`, which it did not at base `abc1234`. Crossing imports:\n  - `src/domain/user.ts:3` → `src/infrastructure/db.ts`\n");
    expect(text).toContain("| `domain` | 4 | 1 → 2 | 0.20 → 0.33 | 10 |");
    expect(text).toContain("- The boundary configuration `.github/archreview.yml` changed.");
    expect(text).toMatch(/## Decision\n\n<!-- .+ -->\n\n## Consequences\n\n<!-- .+ -->\n$/);
  });

  it("lists at most 20 crossing imports", () => {
    const imports = Array.from({ length: 25 }, (_, i) => ({ from: `src/d${i}.ts`, to: "src/db.ts", line: i + 1 }));
    const text = renderAdr(input({ changes: [{ ...newDependency, imports }] }));
    expect(text).toContain("  - `src/d19.ts:20` → `src/db.ts`\n  - …and 5 more\n");
    expect(text).not.toContain("src/d20.ts");
  });

  it("is what the sample review carries", () => {
    expect(sampleReview().adr!.markdown).toContain("- The boundary `payments` is declared at head `def5678`; it did not exist at base `abc1234`.");
  });
});
