// The Action runs the committed bundle (action.yml -> .github/action/main.js, no install step on the
// runner): it must be built from the sources and packages as they are now. Rebuild with
// `npm run build:action` when this fails.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
// @ts-expect-error: a plain .mjs helper shared with the build script, without type declarations
import { bundleInputsHash } from "../../.ci/action-inputs.mjs";

const recorded = JSON.parse(readFileSync(".github/action/inputs.json", "utf8")) as { hash: string; inputs: string[] };

describe("the Action's bundle", () => {
  it("is what action.yml runs, with the engine's workers beside it", () => {
    const action = parse(readFileSync("action.yml", "utf8")) as { runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: "node20", main: ".github/action/main.js" });
    for (const file of ["main.js", "review-worker.js", "config-worker.js"]) expect(existsSync(`.github/action/${file}`)).toBe(true);
  });

  it("was built from the current sources and packages (else: npm run build:action)", () => {
    const missing = recorded.inputs.filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
    expect(recorded.inputs).toEqual(expect.arrayContaining(["src/github/action/main.ts", "src/pipeline/review-pull-request.ts", "src/engine/review-worker.ts"]));
    expect((bundleInputsHash as (inputs: string[]) => string)(recorded.inputs)).toBe(recorded.hash);
  });
});
