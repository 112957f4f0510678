// One parse, one walk per file: size, per-function cyclomatic complexity, per-class public
// API size and every module reference with its line. Uses the raw compiler API bundled with
// ts-morph (no Project, no wrapper nodes) because this runs on thousands of files per review.

import ts from "./typescript-api.js";
import type { ClassFact, FileFacts, FunctionFact } from "../core/model.js";
import { classCohesion } from "./class-cohesion.js";
import { packageImportsOf, suppressionComments } from "./source-notes.js";
import { allElementsTypeOnly, importTypeOnly, stringArgument } from "./source-imports.js";
import { fileScope, identityOf, scopeOf, type Scope } from "./source-identity.js";
import { className, functionName, hasModifier, propertyNameText } from "./source-names.js";

export { importLinesBySpecifier } from "./source-imports.js";

export interface ImportSite {
  specifier: string;
  /** 1-based line of the specifier string literal. */
  line: number;
  typeOnly: boolean;
  kind: "import" | "export" | "require" | "dynamic-import" | "import-equals" | "import-type";
}

export interface SourceAnalysis {
  facts: FileFacts;
  /** Sorted by line; duplicates kept. */
  imports: ImportSite[];
}

/** Lines as a person counts them: a trailing newline does not start a new line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \n, or a lone \r (old Mac); \r\n counts once, at its \n.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  const last = text.charCodeAt(text.length - 1);
  return last === 10 || last === 13 ? lines : lines + 1;
}

/**
 * .js/.mjs/.cjs use ScriptKind.JS, which is what tsc itself uses for them: its language variant
 * is JSX (so React code in .js parses) and the parser still accepts stray TS syntax, so it
 * parses at least as much real-world .js as TSX would, without TSX's treatment of the file as TS.
 */
function scriptKindFor(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (lower.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (lower.endsWith(".js") || lower.endsWith(".mjs") || lower.endsWith(".cjs")) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function isDecisionOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

/** Public methods of a class: named methods, not private/protected/#x; overloads count once. */
function countPublicMethods(cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): number {
  const names = new Set<string>();
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || ts.isPrivateIdentifier(member.name)) continue;
    if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) continue;
    // `static create()` and `create()` are two different methods.
    const prefix = hasModifier(member, ts.SyntaxKind.StaticKeyword) ? "static " : "";
    names.add(prefix + propertyNameText(member.name, sf));
  }
  return names.size;
}

export function analyzeSource(text: string, fileName: string): SourceAnalysis {
  const lines = countLines(text);
  try {
    return walk(text, fileName, lines);
  } catch (error) {
    // The parser is error-tolerant but recursive: nesting a few thousand levels deep overflows its
    // stack. Say so (the review names the file) rather than silently dropping every function.
    const reason = error instanceof RangeError ? "nesting too deep for the parser" : "the parser failed on it";
    return { facts: { lines, functions: [], classes: [], unanalysable: reason }, imports: [] };
  }
}

function walk(text: string, fileName: string, lines: number): SourceAnalysis {
  const sf = ts.createSourceFile(
    fileName,
    text,
    // JSDoc is never read here; skipping it makes parsing cheaper.
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true, // parents are needed for naming
    scriptKindFor(fileName),
  );
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const endLineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.end).line + 1;
  const functions: FunctionFact[] = [];
  const classes: ClassFact[] = [];
  const imports: ImportSite[] = [];
  const addImport = (lit: ts.StringLiteralLike, kind: ImportSite["kind"], typeOnly: boolean): void => {
    imports.push({ specifier: lit.text, line: lineOf(lit), typeOnly, kind });
  };

  // Iterative pre-order walk (source order) with an explicit stack: generated files with very
  // deep expressions would overflow the call stack of a recursive walk. `frames[i]` is the
  // function whose complexity decision points under `nodes[i]` count towards; `scopes[i]` the
  // nearest enclosing function or class, whose path a nested one's identity extends.
  const nodes: ts.Node[] = [sf];
  const frames: (FunctionFact | undefined)[] = [undefined];
  const scopes: Scope[] = [fileScope(sf)];
  const children: ts.Node[] = [];
  const collect = (child: ts.Node): undefined => {
    children.push(child); // must return undefined: a truthy result stops forEachChild
    return undefined;
  };

  while (nodes.length > 0) {
    const node = nodes.pop()!;
    let frame = frames.pop();
    let scope = scopes.pop()!;
    switch (node.kind) {
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor: {
        const fn = node as ts.FunctionLikeDeclaration;
        if (fn.body !== undefined) {
          // Overload signatures and abstract members have no body and are not functions here.
          const identity = identityOf(fn, scope, sf, false);
          frame = { name: functionName(fn, sf), line: lineOf(fn), complexity: 1, key: identity.key, displayName: identity.displayName, endLine: endLineOf(fn) };
          functions.push(frame);
          scope = scopeOf(fn, identity, false);
        }
        break;
      }
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression: {
        const cls = node as ts.ClassLikeDeclaration;
        const identity = identityOf(cls, scope, sf, true);
        const fact = { name: className(cls, sf), line: lineOf(cls), publicMethods: countPublicMethods(cls, sf) };
        classes.push({ ...fact, key: identity.key, displayName: identity.displayName, endLine: endLineOf(cls), cohesion: classCohesion(cls, sf) });
        scope = scopeOf(cls, identity, true);
        break;
      }
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ConditionalExpression:
      case ts.SyntaxKind.CaseClause:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.CatchClause:
        if (frame !== undefined) frame.complexity++;
        break;
      case ts.SyntaxKind.BinaryExpression:
        if (frame !== undefined && isDecisionOperator((node as ts.BinaryExpression).operatorToken.kind)) frame.complexity++;
        break;
      case ts.SyntaxKind.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        const lit = stringArgument(decl.moduleSpecifier);
        if (lit !== undefined) addImport(lit, "import", importTypeOnly(decl.importClause));
        break;
      }
      case ts.SyntaxKind.ExportDeclaration: {
        const decl = node as ts.ExportDeclaration;
        const lit = stringArgument(decl.moduleSpecifier);
        if (lit !== undefined) {
          const clause = decl.exportClause;
          const typeOnly = decl.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && allElementsTypeOnly(clause.elements));
          addImport(lit, "export", typeOnly);
        }
        break;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration: {
        const decl = node as ts.ImportEqualsDeclaration;
        if (ts.isExternalModuleReference(decl.moduleReference)) {
          const lit = stringArgument(decl.moduleReference.expression);
          if (lit !== undefined) addImport(lit, "import-equals", decl.isTypeOnly);
        }
        break;
      }
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        const callee = call.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword) {
          const lit = stringArgument(call.arguments[0]);
          if (lit !== undefined) addImport(lit, "dynamic-import", false);
        } else if (ts.isIdentifier(callee) && callee.text === "require") {
          const lit = stringArgument(call.arguments[0]);
          if (lit !== undefined) addImport(lit, "require", false);
        }
        break;
      }
      case ts.SyntaxKind.ImportType: {
        const arg = (node as ts.ImportTypeNode).argument;
        if (ts.isLiteralTypeNode(arg)) {
          const lit = stringArgument(arg.literal);
          if (lit !== undefined) addImport(lit, "import-type", true);
        }
        break;
      }
      default:
        break;
    }

    ts.forEachChild(node, collect);
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      frames.push(frame);
      scopes.push(scope);
    }
    children.length = 0;
  }

  imports.sort((a, b) => a.line - b.line); // stable: same-line sites keep source order
  const packageImports = packageImportsOf(imports);
  const suppressions = suppressionComments(text);
  // Left out when empty, so facts of files without them read as before.
  const notes = { ...(packageImports.length > 0 ? { packageImports } : {}), ...(suppressions.length > 0 ? { suppressions } : {}) };
  return { facts: { lines, functions, classes, ...notes }, imports };
}
