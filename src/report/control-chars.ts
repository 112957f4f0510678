// A file name or rule name comes from the repository: its control characters (C0, DEL, C1) must
// neither drive a terminal nor end a markdown table row or list item. Made visible instead.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** `s` with every control character replaced by U+FFFD. */
export function replaceControlChars(s: string): string {
  return s.replace(CONTROL, "\uFFFD");
}
