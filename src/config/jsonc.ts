// JSON with comments: blank out `//` and `/* */` comments so a JSON-compatible parser can read
// the rest. Comments become spaces (newlines are kept), so every line and column stay the same.

export type StripResult = { ok: true; text: string } | { ok: false; offset: number; reason: string };

export function stripJsonComments(text: string): StripResult {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '"') {
      const end = endOfString(text, i);
      out.push(text.slice(i, end));
      i = end;
    } else if (c === "/" && next === "/") {
      const newline = text.indexOf("\n", i);
      const end = newline === -1 ? text.length : newline;
      out.push(blank(text.slice(i, end)));
      i = end;
    } else if (c === "/" && next === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return { ok: false, offset: i, reason: "comment is not closed: /* without */" };
      out.push(blank(text.slice(i, close + 2)));
      i = close + 2;
    } else {
      out.push(c);
      i++;
    }
  }
  return { ok: true, text: out.join("") };
}

/** Index just past the string opening at `start` (or the end of its line when unterminated: the parser reports it). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === "\\") i += 2;
    else if (c === '"') return i + 1;
    else if (c === "\n") return i;
    else i++;
  }
  return text.length;
}

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, " ");
}
