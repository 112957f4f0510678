// dependency-cruiser's bundled presets (`dependency-cruiser/configs/recommended-strict`...) read as
// DATA: they ship only as CommonJS, and archreview never executes configuration code. The files are
// parsed with the TypeScript parser and a tiny evaluator accepts only the forms they use (literals,
// consts, `+`, `.join()`, spreads, `require("./x.cjs")`, property access and a `.map()` that sets
// one property); anything else is refused, so an upgrade that changes their shape fails loudly.
import path from "node:path";
import ts from "./typescript-api.js";
import { depcruiseConfigs } from "./depcruise-package.js";

type DepcruiseConfigs = ReturnType<typeof depcruiseConfigs>;

/** The presets `extends` may name, without folder or extension. */
export const DEPCRUISE_PRESETS = ["recommended", "recommended-strict", "recommended-warn-only"] as const;

export class PresetShapeError extends Error {
  override name = "PresetShapeError";
}

/** `dependency-cruiser/configs/recommended-strict(.cjs)` -> `recommended-strict`; null when not a bundled preset. */
export function presetName(specifier: string): string | null {
  const match = /^dependency-cruiser\/configs\/([a-z-]+?)(?:\.cjs)?$/.exec(specifier);
  return match && (DEPCRUISE_PRESETS as readonly string[]).includes(match[1] as string) ? (match[1] as string) : null;
}

const cache = new Map<string, Record<string, unknown>>();

/** The preset's configuration object (a fresh copy each call). */
export function readDepcruisePreset(name: string): Record<string, unknown> {
  if (!(DEPCRUISE_PRESETS as readonly string[]).includes(name)) throw new PresetShapeError(`unknown preset ${name}`);
  let value = cache.get(name);
  if (value === undefined) {
    const configs = depcruiseConfigs();
    const read = evaluateModule(configs, `${name}.cjs`, new Set());
    if (!isRecord(read)) throw new PresetShapeError(`${name}.cjs does not export an object`);
    value = read;
    cache.set(name, value);
  }
  return structuredClone(value);
}

type Scope = Map<string, unknown>;
interface Context {
  dir: string;
  file: string;
  scope: Scope;
  seen: Set<string>;
}

function evaluateModule(configs: DepcruiseConfigs, relative: string, seen: Set<string>): unknown {
  const full = path.resolve(configs.dir, relative);
  if (!full.startsWith(configs.dir + path.sep) || seen.has(full)) throw new PresetShapeError(`refused require of ${relative}`);
  const source = ts.createSourceFile(full, configs.read(full), ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const ctx: Context = { dir: path.dirname(full), file: relative, scope: new Map(), seen: new Set([...seen, full]) };
  let exported: unknown;
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || decl.initializer === undefined) throw unsupported(ctx, decl);
        ctx.scope.set(decl.name.text, evaluate(ctx, decl.initializer, configs));
      }
    } else if (isModuleExports(statement)) {
      exported = evaluate(ctx, (statement.expression as ts.BinaryExpression).right, configs);
    } else throw unsupported(ctx, statement);
  }
  return exported;
}

function isModuleExports(statement: ts.Statement): statement is ts.ExpressionStatement {
  if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) return false;
  const { left, operatorToken } = statement.expression;
  return operatorToken.kind === ts.SyntaxKind.EqualsToken && left.getText() === "module.exports";
}

function unsupported(ctx: Context, node: ts.Node): PresetShapeError {
  return new PresetShapeError(`${ctx.file}: unsupported construct \`${node.getText().slice(0, 60)}\` (dependency-cruiser's presets changed shape?)`);
}

const NO_LITERAL = Symbol("not a literal");

/** A literal's value (string, number, boolean, null), or NO_LITERAL. */
function literalOf(node: ts.Expression): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  return NO_LITERAL;
}

function evaluate(ctx: Context, node: ts.Expression, configs: DepcruiseConfigs): unknown {
  if (ts.isParenthesizedExpression(node)) return evaluate(ctx, node.expression, configs);
  const literal = literalOf(node);
  if (literal !== NO_LITERAL) return literal;
  if (ts.isIdentifier(node)) {
    if (!ctx.scope.has(node.text)) throw unsupported(ctx, node);
    return structuredClone(ctx.scope.get(node.text));
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => (ts.isSpreadElement(e) ? asArray(ctx, e, evaluate(ctx, e.expression, configs)) : [evaluate(ctx, e, configs)]));
  if (ts.isObjectLiteralExpression(node)) return objectOf(ctx, node, configs);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return concatenation(ctx, node, configs);
  if (ts.isPropertyAccessExpression(node)) return propertyOf(ctx, node, configs);
  if (ts.isCallExpression(node)) return callOf(ctx, node, configs);
  throw unsupported(ctx, node);
}

function concatenation(ctx: Context, node: ts.BinaryExpression, configs: DepcruiseConfigs): string {
  const [l, r] = [evaluate(ctx, node.left, configs), evaluate(ctx, node.right, configs)];
  if (typeof l !== "string" || typeof r !== "string") throw unsupported(ctx, node);
  return l + r;
}

function propertyOf(ctx: Context, node: ts.PropertyAccessExpression, configs: DepcruiseConfigs): unknown {
  const target = evaluate(ctx, node.expression, configs);
  if (!isRecord(target) || !(node.name.text in target)) throw unsupported(ctx, node);
  return target[node.name.text];
}

function objectOf(ctx: Context, node: ts.ObjectLiteralExpression, configs: DepcruiseConfigs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const prop of node.properties) {
    if (ts.isSpreadAssignment(prop)) {
      const spread = evaluate(ctx, prop.expression, configs);
      if (!isRecord(spread)) throw unsupported(ctx, prop);
      Object.assign(out, spread);
    } else if (ts.isPropertyAssignment(prop) && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
      out[prop.name.text] = evaluate(ctx, prop.initializer, configs);
    } else if (ts.isShorthandPropertyAssignment(prop)) {
      out[prop.name.text] = evaluate(ctx, prop.name, configs);
    } else throw unsupported(ctx, prop);
  }
  return out;
}

function callOf(ctx: Context, node: ts.CallExpression, configs: DepcruiseConfigs): unknown {
  const [arg] = node.arguments;
  if (ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1 && arg !== undefined && ts.isStringLiteral(arg)) {
    if (!arg.text.startsWith("./")) throw unsupported(ctx, node);
    return evaluateModule(configs, path.relative(configs.dir, path.resolve(ctx.dir, arg.text)), ctx.seen);
  }
  if (!ts.isPropertyAccessExpression(node.expression) || node.arguments.length !== 1 || arg === undefined) throw unsupported(ctx, node);
  const target = asArray(ctx, node, evaluate(ctx, node.expression.expression, configs));
  const method = node.expression.name.text;
  if (method === "join") {
    const separator = evaluate(ctx, arg, configs);
    if (typeof separator !== "string" || !target.every((t) => typeof t === "string")) throw unsupported(ctx, node);
    return target.join(separator);
  }
  if (method === "map") return target.map((item) => applySetter(ctx, arg, item, configs));
  throw unsupported(ctx, node);
}

/** `(p) => { p.key = <literal>; return p; }` applied to `item`: the one callback shape the presets use. */
function applySetter(ctx: Context, fn: ts.Expression, item: unknown, configs: DepcruiseConfigs): unknown {
  const setter = setterOf(fn);
  if (setter === null || !isRecord(item)) throw unsupported(ctx, fn);
  return { ...item, [setter.key]: evaluate(ctx, setter.value, configs) };
}

/** The key and value expression of a `(p) => { p.key = value; return p; }` arrow, or null for any other shape. */
function setterOf(fn: ts.Expression): { key: string; value: ts.Expression } | null {
  if (!ts.isArrowFunction(fn) || fn.parameters.length !== 1 || !ts.isBlock(fn.body) || fn.body.statements.length !== 2) return null;
  const param = fn.parameters[0]?.name;
  const [assign, ret] = fn.body.statements;
  if (param === undefined || !ts.isIdentifier(param) || !returnsIdentifier(ret, param.text)) return null;
  if (assign === undefined || !ts.isExpressionStatement(assign) || !ts.isBinaryExpression(assign.expression)) return null;
  const { left, operatorToken, right } = assign.expression;
  const setsParam = ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === param.text;
  if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !setsParam) return null;
  return { key: left.name.text, value: right };
}

function returnsIdentifier(statement: ts.Statement | undefined, name: string): boolean {
  return statement !== undefined && ts.isReturnStatement(statement) && statement.expression !== undefined && ts.isIdentifier(statement.expression) && statement.expression.text === name;
}

function asArray(ctx: Context, node: ts.Node, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw unsupported(ctx, node);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
