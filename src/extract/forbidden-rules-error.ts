// On its own so that the shells can recognise it without loading the graph builder.

/** dependency-cruiser refused the `forbidden` rules (they are the user's, in its schema). */
export class ForbiddenRulesError extends Error {
  override name = "ForbiddenRulesError";
}
