import { describe, it, expect } from "@jest/globals";
import { renderJson } from "../../src/report/json.js";
import { sampleReview } from "./sample-review.js";

describe("renderJson", () => {
  it("is the Review itself, indented, with a trailing newline", () => {
    const review = sampleReview();
    const text = renderJson(review);
    expect(text.endsWith("}\n")).toBe(true);
    expect(JSON.parse(text)).toEqual(review);
  });
});
