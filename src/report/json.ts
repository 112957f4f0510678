// The Review is the machine-readable contract; JSON output is that object, nothing added.
import type { Review } from "../core/model.js";

export function renderJson(review: Review): string {
  return `${JSON.stringify(review, null, 2)}\n`;
}
