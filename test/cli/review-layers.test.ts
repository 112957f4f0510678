import { afterEach, describe, expect, it } from "@jest/globals";
import type { SampleRepository } from "../../src/cli/sample-repo.js";
import { layeredRepo, reviewJson } from "./harness.js";

let repo: SampleRepository | undefined;
afterEach(async () => repo?.dispose());

const domainUser = `import { newId } from "@layered/shared";
import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";

export interface User {
  id: string;
  email: string;
}

export function createUser(email: string): User {
  if (!email.includes("@")) throw new Error(\`invalid email: \${email}\`);
  return { id: newId("user"), email };
}

export const defaultRepository = () => new MemoryUserRepository();
`;

describe("archreview review: layer violations", () => {
  it("reports a layer violation the head adds, on the import's line, and exits 1", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/user.ts", domainUser);
    const head = await repo.commit("domain imports infrastructure");
    const { code, review } = await reviewJson(repo, r.base, head);
    expect(code).toBe(1);
    expect(review.newViolations).toEqual([
      expect.objectContaining({ rule: "domain-not-to-infrastructure", severity: "error", from: "src/domain/user.ts", to: "src/infrastructure/memory-user-repository.ts", line: 2 }),
    ]);
    expect(review.edgesAdded).toEqual([{ from: "src/domain/user.ts", to: "src/infrastructure/memory-user-repository.ts" }]);
    expect(review.newCycles.map((c) => c.modules)).toEqual([]); // the back edge is type-only
  });

  it("does not report a violation present at base and head; reports it resolved when removed", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/user.ts", domainUser);
    const withViolation = await repo.commit("violation lands");
    await repo.write("src/domain/order.ts", "import type { User } from \"./user.js\";\n\nexport interface Order {\n  id: string;\n  owner: User;\n}\n");
    const unrelated = await repo.commit("unrelated change");
    const kept = await reviewJson(repo, withViolation, unrelated);
    expect(kept.code).toBe(0);
    expect(kept.review.newViolations).toEqual([]);
    expect(kept.review.resolvedViolations).toEqual([]);

    await repo.write("src/domain/user.ts", domainUser.replace(/^import \{ MemoryUserRepository.*\n/m, "").replace(/\nexport const defaultRepository.*\n/, "\n"));
    const fixed = await repo.commit("violation removed");
    const resolved = await reviewJson(repo, unrelated, fixed);
    expect(resolved.code).toBe(0);
    expect(resolved.review.resolvedViolations.map((v) => [v.rule, v.from])).toEqual([["domain-not-to-infrastructure", "src/domain/user.ts"]]);
  });

  it("catches an import through a tsconfig path alias that crosses a boundary", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write(
      "src/application/bootstrap.ts",
      'import { registerUser } from "./register-user.js";\nimport { MemoryUserRepository } from "@infra/memory-user-repository.js";\n\nexport const start = () => registerUser(new MemoryUserRepository(), "a@b.c");\n',
    );
    const head = await repo.commit("application wires infrastructure through an alias");
    const { review } = await reviewJson(repo, r.base, head);
    expect(review.newViolations).toEqual([
      expect.objectContaining({ rule: "application-not-to-infrastructure", from: "src/application/bootstrap.ts", to: "src/infrastructure/memory-user-repository.ts", line: 2 }),
    ]);
  });

  it("resolves a workspace package to its source", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/application/ids.ts", 'export { newId } from "@layered/shared";\n');
    const head = await repo.commit("re-export a workspace package");
    const { review } = await reviewJson(repo, r.base, head);
    expect(review.edgesAdded).toEqual([{ from: "src/application/ids.ts", to: "packages/shared/src/index.ts" }]);
  });

  it("reports nothing new for a pure rename", async () => {
    const r = await layeredRepo();
    repo = r.repo;
    await repo.write("src/domain/user.ts", domainUser);
    const base = await repo.commit("violation at base");
    await repo.move("src/infrastructure/memory-user-repository.ts", "src/infrastructure/in-memory-users.ts");
    for (const file of ["src/domain/user.ts", "src/main.ts"]) {
      const text = (await import("node:fs")).readFileSync(`${repo.dir}/${file}`, "utf8");
      await repo.write(file, text.replace("memory-user-repository.js", "in-memory-users.js"));
    }
    const head = await repo.commit("rename");
    const { code, review } = await reviewJson(repo, base, head);
    expect(code).toBe(0);
    expect(review.newViolations).toEqual([]);
    expect(review.resolvedViolations).toEqual([]);
    expect(review.newCycles).toEqual([]);
    expect(review.boundaryChanges).toEqual([]);
    expect(review.oversizedFiles).toEqual([]);
    expect(review.adr).toBeNull();
  });
});
