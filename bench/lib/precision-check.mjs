// The precision check's judge, independent of archreview's own line mapping: the commit's diff as
// `git diff -U0 -M` prints it, and each function or class span recomputed from the head source with
// the TypeScript parser. A finding is a false alarm when the change did not touch the reported
// file, or did not touch the reported function's (class's) own lines: its span minus the interior
// of functions nested in it, which are judged on their own.
import ts from "typescript";

/** `git diff -U0 -M` output -> Map(head path -> { added: boolean, hunks: [{ baseStart, baseCount, headStart, headCount }] }). */
export function parseZeroContextDiff(text) {
  const files = new Map();
  let current = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("diff --git ")) {
      current = { path: null, added: false, deleted: false, hunks: [] };
      continue;
    }
    if (current === null) continue;
    if (line.startsWith("new file mode")) current.added = true;
    else if (line.startsWith("deleted file mode")) current.deleted = true;
    else if (line.startsWith("rename to ")) setPath(files, current, unquote(line.slice("rename to ".length)));
    else if (line.startsWith("+++ ")) {
      const target = unquote(line.slice(4));
      if (target !== "/dev/null") setPath(files, current, target.replace(/^b\//, ""));
    } else if (line.startsWith("@@ ")) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (m) current.hunks.push({ baseStart: +m[1], baseCount: m[2] === undefined ? 1 : +m[2], headStart: +m[3], headCount: m[4] === undefined ? 1 : +m[4] });
    }
  }
  return files;
}

function setPath(files, entry, path) {
  entry.path = path;
  files.set(path, entry);
}

/** git quotes paths with unusual bytes: "b/caf\303\251.ts". */
function unquote(raw) {
  if (!raw.startsWith('"')) return raw;
  const bytes = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== "\\") bytes.push(...Buffer.from(body[i]));
    else if (/[0-7]/.test(body[i + 1])) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      const esc = { n: 10, t: 9, '"': 34, "\\": 92 }[body[i + 1]];
      bytes.push(esc ?? body.charCodeAt(i + 1));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function scriptKind(file) {
  const lower = file.toLowerCase();
  if (lower.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (lower.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

const FUNCTION_KINDS = new Set([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);

/** Every function with a body and every class of a source text: { kind, line, endLine } (1-based, inclusive). */
export function spansOf(text, file) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  const lineAt = (pos) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const spans = [];
  const visit = (node) => {
    const isFunction = FUNCTION_KINDS.has(node.kind) && node.body !== undefined;
    const isClass = node.kind === ts.SyntaxKind.ClassDeclaration || node.kind === ts.SyntaxKind.ClassExpression;
    if (isFunction || isClass) spans.push({ kind: isClass ? "class" : "function", line: lineAt(node.getStart(sf)), endLine: lineAt(node.end) });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return spans;
}

/** The span a finding at `line` names: the outermost of that kind starting there (the lenient choice). */
export function spanAt(spans, kind, line) {
  const candidates = spans.filter((s) => s.kind === kind && s.line === line);
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.endLine - b.line > a.endLine - a.line ? b : a));
}

/** Did a hunk touch [line, endLine] at all ("span"), and did it touch lines of its own ("own")? */
export function touches(span, spans, hunks) {
  const { line: start, endLine: end } = span;
  const interiors = spans
    .filter((n) => n !== span && n.kind === "function" && n.line >= start && n.endLine <= end && n.endLine - n.line >= 2)
    .map((n) => [n.line + 1, n.endLine - 1]);
  const inInterior = (l) => interiors.some(([lo, hi]) => l >= lo && l <= hi);
  let spanTouched = false;
  for (const h of hunks) {
    if (h.headCount === 0) {
      // A deletion sits between head lines headStart and headStart + 1.
      const after = h.headStart;
      if (after >= start && after + 1 <= end) {
        spanTouched = true;
        if (!(inInterior(after) && inInterior(after + 1))) return { span: true, own: true };
      }
      continue;
    }
    const lo = Math.max(start, h.headStart);
    const hi = Math.min(end, h.headStart + h.headCount - 1);
    for (let l = lo; l <= hi; l++) {
      spanTouched = true;
      if (!inInterior(l)) return { span: true, own: true };
    }
  }
  return { span: spanTouched, own: false };
}
