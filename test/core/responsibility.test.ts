// Responsibility findings: a touched file that newly mixes concerns (configurable groups of packages
// and paths), and a file the change makes import more boundaries than the limit.
import { describe, expect, it } from "@jest/globals";
import type { Config } from "../../src/config/types.js";
import type { FileChange, Finding, Snapshot } from "../../src/core/model.js";
import { reviewChange } from "../../src/core/review.js";
import { analyzeSource } from "../../src/extract/source-facts.js";
import { layeredConfig, snapshot, type EdgeSpec } from "./build.js";

const CONTROLLER = "src/app/user-controller.ts";

const before = `import { UserService } from "../domain/user-service";
export class UserController {
  constructor(private readonly users: UserService) {}
  show(id: string) { return this.users.find(id); }
}
`;

// The change reaches the database and the HTTP framework from the same controller.
const after = `import { Router } from "express";
import { DataSource } from "typeorm";
import { UserService } from "../domain/user-service";
import { UserRepository } from "../infra/repositories/user-repository";
export const router = Router();
export const users = new UserService(new UserRepository(new DataSource({ type: "postgres" })));
`;

function review(base: Snapshot, head: Snapshot, changes: FileChange[], config: Config = layeredConfig()) {
  return reviewChange({ base, head, changes, config, headBoundaryNames: null, configChangedFile: null, notices: [] });
}

const facts = (text: string) => ({ [CONTROLLER]: analyzeSource(text, CONTROLLER).facts });
const baseEdges: EdgeSpec[] = [[CONTROLLER, "src/domain/user-service.ts", { line: 1 }]];
const headEdges: EdgeSpec[] = [
  [CONTROLLER, "src/domain/user-service.ts", { line: 3 }],
  [CONTROLLER, "src/infra/repositories/user-repository.ts", { line: 4, specifier: "../infra/repositories/user-repository" }],
];
const ofKind = <K extends Finding["kind"]>(r: ReturnType<typeof review>, kind: K) => r.findings.filter((f) => f.kind === kind);

describe("mixed concerns", () => {
  it("reports a controller that newly imports an ORM and an HTTP framework, naming the imports that bring each concern", () => {
    const r = review(snapshot("b", baseEdges, { facts: facts(before) }), snapshot("h", headEdges, { facts: facts(after) }), [{ kind: "modified", path: CONTROLLER }]);
    const [mixed] = ofKind(r, "mixed-concerns");
    expect(mixed).toMatchObject({
      rule: "mixed-concerns",
      severity: "warn",
      file: CONTROLLER,
      line: 2,
      baseConcerns: [],
      concerns: [
        { concern: "persistence", imports: [{ specifier: "typeorm", line: 2 }, { specifier: "../infra/repositories/user-repository", line: 4 }] },
        { concern: "http", imports: [{ specifier: "express", line: 1 }] },
      ],
    });
    expect(mixed?.hint).toContain("persistence (`typeorm` (line 2), `../infra/repositories/user-repository` (line 4)), http (`express` (line 1))");
  });

  it("stays quiet when the file already mixed the same concerns at base, and honours configured concerns", () => {
    const same = review(snapshot("b", headEdges, { facts: facts(after) }), snapshot("h", headEdges, { facts: facts(`${after}// more\n`) }), [{ kind: "modified", path: CONTROLLER }]);
    expect(ofKind(same, "mixed-concerns")).toEqual([]);
    // Only express and react count: typeorm and the repositories path are no concern here.
    const config = layeredConfig({ concerns: { http: ["express"], ui: ["react"] } });
    const custom = review(snapshot("b", baseEdges, { facts: facts(before) }), snapshot("h", headEdges, { facts: facts(after) }), [{ kind: "modified", path: CONTROLLER }], config);
    expect(ofKind(custom, "mixed-concerns")).toEqual([]);
  });
});

describe("boundary fan-out", () => {
  it("reports a file the change makes import more than 3 other boundaries", () => {
    const config = layeredConfig({
      boundaries: ["domain", "app", "infra", "ui", "jobs"].map((name) => ({ name, patterns: [`src/${name}/**`] })),
      rules: [],
    });
    const file = "src/app/wiring.ts";
    const base = snapshot("b", [[file, "src/domain/a.ts"], [file, "src/infra/b.ts"]]);
    const head = snapshot("h", [[file, "src/domain/a.ts"], [file, "src/infra/b.ts"], [file, "src/ui/c.ts"], [file, "src/jobs/d.ts"]]);
    const r = review(base, head, [{ kind: "modified", path: file }], config);
    expect(ofKind(r, "boundary-fan-out")).toMatchObject([{ file, boundaries: ["domain", "infra", "jobs", "ui"], baseBoundaries: 2, limit: 3 }]);
    const three = review(base, snapshot("h", [[file, "src/domain/a.ts"], [file, "src/infra/b.ts"], [file, "src/ui/c.ts"]]), [{ kind: "modified", path: file }], config);
    expect(ofKind(three, "boundary-fan-out")).toEqual([]);
  });
});
