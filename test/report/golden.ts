// Golden-file comparison for the report tests. The expected outputs live in test/report/golden/
// and are compared exactly. After an intended change in the output, regenerate them with
//   UPDATE_GOLDEN=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/report
// and review the diff of the golden files like any other code change.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "@jest/globals";

const goldenDir = fileURLToPath(new URL("./golden/", import.meta.url));

export function expectGolden(name: string, actual: string): void {
  const file = `${goldenDir}${name}`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}
