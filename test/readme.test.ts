// The README documents every operator setting the app reads.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { SETTINGS_DOC } from "../src/github/app/settings.js";

describe("README", () => {
  it("lists every ARCHREVIEW_* setting with its default", () => {
    const readme = readFileSync("README.md", "utf8");
    for (const setting of SETTINGS_DOC) expect(readme).toContain(`| \`${setting.name}\` | ${setting.default} |`);
  });
});
