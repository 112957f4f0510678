// A review with 100 new findings across every section, for the readability test and for looking at
// the rendered comment (see hundred-findings.test.ts).
import type { Finding } from "../../src/core/model.js";
import { boundaryViolation, cycleFinding, emptyReview, oversizedFile } from "./sample-review.js";
import type { Review } from "../../src/core/model.js";

const pairs = [
  ["domain", "infrastructure", 30],
  ["application", "infrastructure", 15],
  ["domain", "application", 5],
] as const;

export function hundredFindingsReview(): Review {
  const findings: Finding[] = [];
  for (const [from, to, n] of pairs) {
    for (let i = 0; i < n; i++) findings.push({ ...boundaryViolation(`src/${from}/module-${i}.ts`, `src/${to}/adapter-${i % 4}.ts`, i + 1, from, to), hint: `Invert the dependency: declare the interface \`src/${from}/module-${i}.ts\` needs in \`src/${from}/\`.` });
  }
  for (let i = 0; i < 5; i++) {
    findings.push({ ...boundaryViolation(`src/ui/view-${i}.tsx`, `src/infrastructure/db.ts`, 2, "ui", "infrastructure"), severity: "warn" as const, rule: "ui-not-infrastructure" });
  }
  for (let i = 0; i < 15; i++) findings.push(cycleFinding([`src/domain/part-${i}.ts`, `src/domain/part-${i + 1}.ts`], 3, i < 10 ? "error" : "warn"));
  for (let i = 0; i < 10; i++) findings.push(oversizedFile(`src/legacy/file-${i}.ts`, 600 + i * 10));
  for (let i = 0; i < 20; i++) {
    findings.push({
      kind: "complex-function", rule: "max-function-complexity", severity: "warn", status: "new", reason: {},
      file: `src/application/service-${i}.ts`, name: `handle${i}`, line: 10 + i, complexity: 16 + i, limit: 15, baseComplexity: null,
    });
  }
  return emptyReview({ findings });
}
