// `archreview review --format sarif` end to end: a real git repository, a layer violation, SARIF out.
import { describe, expect, it } from "@jest/globals";
import { cli, layeredRepo } from "../cli/harness.js";
import type { SarifLog } from "../../src/report/sarif.js";
import { sarifValidator } from "./sarif-schema.js";

describe("archreview review --format sarif", () => {
  it("prints valid SARIF with the violating import's file and line, and exits 1", async () => {
    const { repo, base } = await layeredRepo();
    try {
      const user = "src/domain/user.ts";
      await repo.write(user, `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n`);
      const head = await repo.commit("domain imports infrastructure");
      const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "sarif", "--no-cache"], repo.dir);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.not.stringContaining("failed") });
      const log = JSON.parse(run.stdout) as SarifLog;
      const validate = sarifValidator();
      expect(validate(log)).toBe(true);
      const results = log.runs[0]!.results.filter((r) => r.ruleId.startsWith("archreview/boundary/"));
      expect(results).toHaveLength(1);
      expect(results[0]!.level).toBe("error");
      expect(results[0]!.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: user, uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } });
      expect(log.runs[0]!.tool.driver.rules[results[0]!.ruleIndex]!.help.text).toContain("the domain stays free of use cases and I/O");
    } finally {
      await repo.dispose();
    }
  });

  it("keeps the violation's fingerprint on the next push, when lines above the import move it", async () => {
    const { repo, base } = await layeredRepo();
    try {
      const user = "src/domain/user.ts";
      const shortcut = `import { MemoryUserRepository } from "../infrastructure/memory-user-repository.js";\nexport const users = () => new MemoryUserRepository();\n`;
      const boundaryResult = async (head: string) => {
        const run = await cli(["review", "--repo", repo.dir, "--base", base, "--head", head, "--format", "sarif", "--no-cache"], repo.dir);
        const results = (JSON.parse(run.stdout) as SarifLog).runs[0]!.results.filter((r) => r.ruleId.startsWith("archreview/boundary/"));
        expect(results).toHaveLength(1);
        return results[0]!;
      };
      await repo.write(user, shortcut);
      const first = await boundaryResult(await repo.commit("domain imports infrastructure"));
      await repo.write(user, `// Users, as the domain sees them.\n// (kept in memory for now)\n\n${shortcut}`);
      const second = await boundaryResult(await repo.commit("a comment above"));
      expect(first.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
      expect(second.locations[0]!.physicalLocation.region).toEqual({ startLine: 4 });
      expect(second.partialFingerprints).toEqual(first.partialFingerprints);
      expect(first.relatedLocations?.map((r) => r.physicalLocation.artifactLocation.uri)).toEqual(["src/infrastructure/memory-user-repository.ts"]);
    } finally {
      await repo.dispose();
    }
  });
});
