// The tsconfig `extends` error on its own: the shells recognise it without loading TypeScript,
// which tsconfig-extends.ts needs to read tsconfig files.

/** Real chains are a handful of files deep (tsconfig.base.json, a preset); a longer one is hostile. */
export const MAX_EXTENDS_DEPTH = 32;

export type ExtendsProblem = "cycle" | "too-deep";

/** A tsconfig whose `extends` chain loops or runs deeper than MAX_EXTENDS_DEPTH. */
export class TsConfigExtendsError extends Error {
  override readonly name = "TsConfigExtendsError";

  constructor(
    /** Absolute folder of the tree the tsconfig belongs to (which side of the review). */
    readonly tree: string,
    readonly problem: ExtendsProblem,
    /** The chain, tree-relative POSIX paths: from the tsconfig read first to the one that closes the loop. */
    readonly chain: string[],
  ) {
    super(describeExtendsProblem(problem, chain));
  }
}

export function describeExtendsProblem(problem: ExtendsProblem, chain: string[]): string {
  const first = chain[0] ?? "tsconfig.json";
  if (problem === "cycle") {
    return chain.length <= 2 && chain[0] === chain[1] ? `${first} extends itself` : `${first}: circular \`extends\` chain ${chain.join(" -> ")}`;
  }
  return `${first}: the \`extends\` chain is deeper than ${MAX_EXTENDS_DEPTH} files (${chain.slice(0, 3).join(" -> ")} -> ...)`;
}
