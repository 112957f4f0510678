// Cutting user-visible text to a length limit (GitHub's fields, the comment's budget) without
// leaving half of a surrogate pair (an emoji) behind.

/** The first maxChars UTF-16 units at most, never ending in a lone high surrogate. */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, Math.max(0, maxChars));
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}

/** Cuts to maxChars UTF-16 units, ending with `…` when cut. */
export function clipText(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${cutText(text, maxChars - 1)}…`;
}
