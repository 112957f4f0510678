// One hash of the files bundled into .github/action (paths relative to the repository), shared by the
// build (.ci/build-action.mjs) and the check that the committed bundle is up to date.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export function bundleInputsHash(inputs) {
  const hash = createHash("sha256");
  for (const file of inputs) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}
