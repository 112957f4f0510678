// Naming helpers for analyzeSource (source-facts.ts). Kept apart so the walker stays readable.
// Everything here works on raw compiler nodes (parents set by createSourceFile) and only
// looks upwards a few levels, so naming costs O(1) per function.

import ts from "./typescript-api.js";

export const ANONYMOUS = "<anonymous>";

/** Text of a property / member name: `x`, `#x`, `"a-b"` -> `a-b`, computed -> source text `[Symbol.iterator]`. */
export function propertyNameText(name: ts.PropertyName, sf: ts.SourceFile): string {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  return name.getText(sf);
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  // `modifiers` also holds decorators; we only compare kinds so that is harmless.
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  return modifiers !== undefined && modifiers.some((m) => m.kind === kind);
}

/**
 * The name a value gets from where it is written: `const f = <value>`, `{ f: <value> }`,
 * `class C { f = <value> }` (-> `C.f`), `export default <value>`, `f = <value>`,
 * `obj.f = <value>` (-> `obj.f`). Parentheses and type assertions around the value are
 * looked through, since `const f = (() => 1) as F` still names the arrow `f`.
 */
export function contextName(node: ts.Node, sf: ts.SourceFile): string | undefined {
  let child: ts.Node = node;
  let parent: ts.Node | undefined = node.parent;
  while (
    parent !== undefined &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      ts.isNonNullExpression(parent))
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (parent === undefined) return undefined;
  if (ts.isVariableDeclaration(parent)) {
    return parent.initializer === child && ts.isIdentifier(parent.name) ? parent.name.text : undefined;
  }
  if (ts.isPropertyAssignment(parent)) {
    return parent.initializer === child ? propertyNameText(parent.name, sf) : undefined;
  }
  if (ts.isPropertyDeclaration(parent)) {
    if (parent.initializer !== child) return undefined;
    const member = propertyNameText(parent.name, sf);
    return ts.isClassLike(parent.parent) ? `${className(parent.parent, sf)}.${member}` : member;
  }
  if (ts.isExportAssignment(parent)) {
    // `export = fn` is CommonJS-style and has no name worth reporting.
    return parent.isExportEquals ? undefined : "default";
  }
  if (
    ts.isBinaryExpression(parent) &&
    parent.right === child &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
  ) {
    const left = parent.left;
    if (ts.isIdentifier(left)) return left.text;
    if (ts.isPropertyAccessExpression(left)) return left.getText(sf);
  }
  return undefined;
}

/**
 * Class name: its own name (also for named class expressions, matching the runtime `.name`),
 * `default` for `export default class {}`, the context name for anonymous class expressions
 * (`const A = class {}` -> `A`), otherwise `<anonymous>`.
 */
export function className(cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): string {
  if (cls.name !== undefined) return cls.name.text;
  if (ts.isClassDeclaration(cls)) {
    return hasModifier(cls, ts.SyntaxKind.DefaultKeyword) ? "default" : ANONYMOUS;
  }
  return contextName(cls, sf) ?? ANONYMOUS;
}

/** Name of a function-like node that has a body. */
export function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
      if (node.name !== undefined) return node.name.text;
      return hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? "default" : ANONYMOUS;
    case ts.SyntaxKind.FunctionExpression:
      // A named function expression keeps its own name (what `.name` and stack traces show).
      return node.name?.text ?? contextName(node, sf) ?? ANONYMOUS;
    case ts.SyntaxKind.ArrowFunction:
      return contextName(node, sf) ?? ANONYMOUS;
    case ts.SyntaxKind.Constructor:
      return ts.isClassLike(node.parent) ? `${className(node.parent, sf)}.constructor` : "constructor";
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor: {
      const member = propertyNameText(node.name, sf);
      // Object-literal methods/accessors use the bare property name.
      return ts.isClassLike(node.parent) ? `${className(node.parent, sf)}.${member}` : member;
    }
    default:
      return ANONYMOUS;
  }
}
