// Identity and display names of functions and classes that survive edits elsewhere in the file:
// a function is known by the path of declarations around it (class, method, function, variable,
// property, call + argument position), not by its line or a bare `<anonymous>`. Siblings that
// share a path are told apart later, when base and head are matched (core/function-match.ts).

import ts from "./typescript-api.js";
import { hasModifier, propertyNameText } from "./source-names.js";

/** The nearest enclosing function or class (or the file), whose path a nested one extends. */
export interface Scope {
  node: ts.Node;
  key: string;
  /** Display parts, outermost first: `["App", "App.render"]` is shown as `App › App.render`. */
  parts: string[];
  isClass: boolean;
}

export interface Identity {
  key: string;
  displayName: string;
  parts: string[];
}

interface Segment {
  key: string;
  label: string;
  /** A declaration name (variable, property, method); calls and returns are not. */
  named: boolean;
  /** A class member: shown as `Class.member`. */
  member: boolean;
}

/** Walking up from a function stops here: deeper generated expressions give a shorter (still stable) path. */
const MAX_STEPS = 200;
const MAX_KEY_PART = 80;
const SHOWN_PARTS = 3;

const clip = (text: string): string => (text.length > MAX_KEY_PART ? `${text.slice(0, MAX_KEY_PART)}…` : text);

export function fileScope(sf: ts.SourceFile): Scope {
  return { node: sf, key: "", parts: [], isClass: false };
}

/** `a.b.filter` for `a.b.filter(...)`, without the arguments of calls in the chain (they may be callbacks that change). */
function calleeKey(expr: ts.Expression): { key: string; short: string } {
  const parts: string[] = [];
  let node: ts.Node = expr;
  for (let i = 0; i < 20; i++) {
    if (ts.isPropertyAccessExpression(node)) {
      parts.unshift(`.${node.name.text}`);
      node = node.expression;
    } else if (ts.isCallExpression(node)) {
      parts.unshift("()");
      node = node.expression;
    } else if (ts.isElementAccessExpression(node)) {
      parts.unshift("[]");
      node = node.expression;
    } else if (ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node)) {
      node = node.expression;
    } else break;
  }
  const root = ts.isIdentifier(node) ? node.text : node.kind === ts.SyntaxKind.ThisKeyword ? "this" : node.kind === ts.SyntaxKind.SuperKeyword ? "super" : "(expr)";
  const key = clip(root + parts.join(""));
  const last = [...parts].reverse().find((p) => p.startsWith("."));
  return { key, short: last !== undefined ? last.slice(1) : root };
}

function callSegment(child: ts.Node, call: ts.CallExpression | ts.NewExpression, direct: boolean): Segment | undefined {
  if (ts.isCallExpression(call) && call.expression === child) {
    // `(function () {})()` is an IIFE; `a.filter(cb).map` is only a chain the callback sits in.
    return direct ? { key: "()", label: "immediately invoked function", named: false, member: false } : undefined;
  }
  const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
  const index = args.indexOf(child as ts.Expression);
  if (index < 0) return undefined;
  const callee = calleeKey(call.expression);
  const prefix = ts.isNewExpression(call) ? "new " : "";
  // `then(onOk, onError)`: the position tells the two apart; `it("name", cb)` needs no position.
  const functionArgs = args.filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a)).length;
  const label = `${prefix}${callee.short} callback${functionArgs > 1 ? ` (argument ${index + 1})` : ""}`;
  return { key: `${prefix}${callee.key}(${index})`, label, named: false, member: false };
}

function named(key: string, member = false): Segment {
  return { key: clip(key), label: clip(key), named: true, member };
}

function bindingText(name: ts.BindingName, sf: ts.SourceFile): string {
  return ts.isIdentifier(name) ? name.text : name.getText(sf).replace(/\s+/g, "");
}

function jsxAttributeSegment(attr: ts.JsxAttribute, sf: ts.SourceFile): Segment {
  const element = attr.parent.parent;
  const tag = ts.isJsxOpeningElement(element) || ts.isJsxSelfClosingElement(element) ? element.tagName.getText(sf) : "";
  const name = attr.name.getText(sf);
  return { key: clip(`<${tag}>.${name}`), label: clip(tag ? `<${tag}> ${name}` : name), named: true, member: false };
}

/** `const x = <child>`, `{ x: <child> }`, `class { x = <child> }`. */
function initializerSegment(child: ts.Node, parent: ts.VariableDeclaration | ts.PropertyAssignment | ts.PropertyDeclaration, sf: ts.SourceFile): Segment | undefined {
  if (parent.initializer !== child) return undefined;
  if (ts.isVariableDeclaration(parent)) return named(bindingText(parent.name, sf));
  return named(propertyNameText(parent.name, sf), ts.isPropertyDeclaration(parent));
}

/** What `parent` says about the value `child` it holds, if anything worth a path segment. */
function segmentFor(child: ts.Node, parent: ts.Node, sf: ts.SourceFile, direct: boolean): Segment | undefined {
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return initializerSegment(child, parent, sf);
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return callSegment(child, parent, direct);
  if (ts.isJsxAttribute(parent)) return jsxAttributeSegment(parent, sf);
  if (ts.isExportAssignment(parent)) return named("default");
  if (ts.isReturnStatement(parent)) return direct ? { key: "return", label: "returned function", named: false, member: false } : undefined;
  if (ts.isBinaryExpression(parent) && parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return named(parent.left.getText(sf).replace(/\s+/g, ""));
  }
  return undefined;
}

/** The function's or class's own name, when it has one. */
function ownSegment(node: ts.Node): Segment | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) {
    if (node.name !== undefined) return named(node.name.text);
    return hasModifier(node, ts.SyntaxKind.DefaultKeyword) ? named("default") : undefined;
  }
  if (ts.isFunctionExpression(node) || ts.isClassExpression(node)) return node.name !== undefined ? named(node.name.text) : undefined;
  if (ts.isConstructorDeclaration(node)) return named("constructor", true);
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) return memberSegment(node);
  return undefined;
}

/** `static get x` and `x` are different members; both are shown as `x`. */
function memberSegment(node: ts.MethodDeclaration | ts.AccessorDeclaration): Segment {
  const kind = ts.isGetAccessor(node) ? "get " : ts.isSetAccessor(node) ? "set " : "";
  const isStatic = hasModifier(node, ts.SyntaxKind.StaticKeyword) ? "static " : "";
  const name = propertyNameText(node.name, node.getSourceFile());
  return { key: clip(`${isStatic}${kind}${name}`), label: clip(name), named: true, member: ts.isClassLike(node.parent) };
}

function isWrapper(node: ts.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node);
}

/** Segments between `node` and its scope, outermost first. */
function segmentsUpTo(node: ts.Node, scope: Scope, sf: ts.SourceFile): Segment[] {
  const found: Segment[] = [];
  let child: ts.Node = node;
  let parent: ts.Node | undefined = node.parent;
  // Direct: everything between the node and `child` only wraps it (parentheses, `as`, `!`).
  let direct = true;
  for (let steps = 0; parent !== undefined && parent !== scope.node && steps < MAX_STEPS; steps++) {
    const segment = segmentFor(child, parent, sf, direct);
    if (segment !== undefined) found.push(segment);
    direct &&= isWrapper(parent);
    child = parent;
    parent = parent.parent;
  }
  return found.reverse();
}

/** Path and display name of a function-like or class node inside `scope`. */
export function identityOf(node: ts.Node, scope: Scope, sf: ts.SourceFile, isClass: boolean): Identity {
  const own = ownSegment(node);
  const segments = own === undefined ? segmentsUpTo(node, scope, sf) : [...segmentsUpTo(node, scope, sf), own];
  const placeholder = isClass ? "<class>" : "<function>";
  const key = `${scope.key}/${segments.length > 0 ? segments.map((s) => s.key).join("/") : placeholder}`;
  const parts = [...scope.parts];
  let pushed = 0;
  segments.forEach((s, i) => {
    // A call the value is passed through only says something when nothing named follows it.
    if (!s.named && segments.slice(i + 1).some((later) => later.named)) return;
    const last = parts.length - 1;
    if (s.member && pushed === 0 && scope.isClass && last >= 0) parts[last] = `${parts[last]}.${s.label}`;
    else parts.push(s.label);
    pushed++;
  });
  if (pushed === 0) parts.push(isClass ? "anonymous class" : "anonymous function");
  return { key, parts, displayName: parts.slice(-SHOWN_PARTS).join(" › ") };
}

export function scopeOf(node: ts.Node, identity: Identity, isClass: boolean): Scope {
  return { node, key: identity.key, parts: identity.parts, isClass };
}
