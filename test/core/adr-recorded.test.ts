import { describe, expect, it } from "@jest/globals";
import { recordingAdr } from "../../src/core/adr-recorded.js";
import type { BoundaryChange } from "../../src/core/model.js";

const dependency: BoundaryChange = { kind: "new-dependency", from: "cli", to: "git" };
const record = (text: string) => ({ path: "docs/adr/0009-x.md", text });

describe("recordingAdr: a change's own record of its boundary decision", () => {
  it("is the added record naming every boundary the decision concerns, as words in any case", () => {
    expect(recordingAdr([dependency], [record("`cli` now reads objects through the shared GIT module")])).toEqual(record("`cli` now reads objects through the shared GIT module"));
    expect(recordingAdr([dependency, { kind: "boundary-added", boundary: "action" }], [record("cli, git and action")])?.path).toBe("docs/adr/0009-x.md");
  });

  it("is none when a boundary is missing or only part of a longer name", () => {
    expect(recordingAdr([dependency], [record("the cli reads from github")])).toBeNull();
    expect(recordingAdr([dependency], [record("cli-tools use git-objects")])).toBeNull();
    expect(recordingAdr([dependency], [])).toBeNull();
  });

  it("takes any added record for a decision that names no boundary (an edited configuration)", () => {
    expect(recordingAdr([{ kind: "config-changed", file: ".github/archreview.yml" }], [record("we split the layers")])?.text).toBe("we split the layers");
  });
});
