import { describe, expect, it } from "@jest/globals";
import { planAdr } from "../../src/core/adr-plan.js";
import { blastRadius } from "../../src/core/blast-radius.js";
import { snapshot } from "./build.js";

describe("blastRadius", () => {
  it("counts the modules that transitively import the changed ones", () => {
    const g = snapshot("h", [["b", "a"], ["c", "b"], ["d", "c"], ["x", "y"]]).graph;
    expect(blastRadius(g, ["a", "README.md"])).toEqual({ changedModules: 1, dependents: 3, top: [{ module: "a", dependents: 3 }] });
  });
});

describe("planAdr", () => {
  it("numbers after the highest existing record of the conventional directory", () => {
    expect(planAdr(["docs/adr/0001-a.md", "docs/adr/0012-b.md", "docs/adr/README.md", "src/x.ts"], null, null)).toEqual({ directory: "docs/adr", number: 13 });
  });

  it("prefers the configured directory, then .adr-dir, then the default", () => {
    const files = ["doc/arch/0003-x.md", "docs/decisions/0009-y.md"];
    expect(planAdr(files, "doc/arch/", "ignored")).toEqual({ directory: "doc/arch", number: 4 });
    expect(planAdr(files, null, "doc/arch\n")).toEqual({ directory: "doc/arch", number: 4 });
    expect(planAdr(files, null, null)).toEqual({ directory: "docs/decisions", number: 10 });
    expect(planAdr([], null, null)).toEqual({ directory: "docs/adr", number: 1 });
  });
});
