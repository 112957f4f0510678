// The Action's entry (action.yml `main`, bundled into .github/action/): runs the review, sets the exit status.
import { pathToFileURL } from "node:url";
import { renderSarif } from "../../report/sarif.js";
import { runAction } from "./run-action.js";

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runAction({ env: process.env, stderr: process.stderr, renderSarif: (review) => renderSarif(review) });
}
