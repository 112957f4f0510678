// Class cohesion, LCOM4 (Hitz & Montazeri, 1995): the connected components of a class's methods,
// two methods being linked when both use one instance field or one calls the other (`this.m()`).
// Exactly what counts here (documented in the README):
// - methods: instance methods with a body, and instance properties initialised with an arrow
//   function or function expression; constructors, getters/setters and static members are left out;
// - fields: every other `this.x` a method reads or writes (declared properties, constructor parameter
//   properties, fields assigned anywhere, getters/setters, which stand for the field they expose);
// - `this` is followed into arrow functions, not into nested `function`s or classes (their own `this`).
import ts from "./typescript-api.js";
import type { MethodGroup } from "../core/model.js";
import { hasModifier, propertyNameText } from "./source-names.js";

interface MethodUse {
  name: string;
  fields: Set<string>;
  calls: Set<string>;
}

function isFunctionValue(node: ts.Expression | undefined): boolean {
  return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node));
}

/** The member's body to read, or undefined when the member is not a method in LCOM4's sense. */
function methodBody(member: ts.ClassElement): ts.Node | undefined {
  if (hasModifier(member, ts.SyntaxKind.StaticKeyword)) return undefined;
  if (ts.isMethodDeclaration(member)) return member.body;
  if (ts.isPropertyDeclaration(member) && isFunctionValue(member.initializer)) return member.initializer;
  return undefined;
}

/** `this.x` member names used under `body`, not crossing into code with its own `this`. */
function thisMembers(body: ts.Node): string[] {
  const names: string[] = [];
  const stack: ts.Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== body && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node))) continue;
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) names.push(node.name.text);
    ts.forEachChild(node, (child) => {
      stack.push(child);
    });
  }
  return names;
}

function methodUses(cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): MethodUse[] {
  const bodies = new Map<string, ts.Node[]>();
  for (const member of cls.members) {
    const body = methodBody(member);
    if (body === undefined || member.name === undefined) continue;
    const name = propertyNameText(member.name, sf);
    // Overloads share one implementation; a repeated name is one method.
    bodies.set(name, [...(bodies.get(name) ?? []), body]);
  }
  return [...bodies].map(([name, nodes]) => {
    const use: MethodUse = { name, fields: new Set(), calls: new Set() };
    for (const member of nodes.flatMap(thisMembers)) {
      if (bodies.has(member)) {
        if (member !== name) use.calls.add(member);
      } else use.fields.add(member);
    }
    return use;
  });
}

/** Union-find root with path halving. */
function root(parent: number[], i: number): number {
  let at = i;
  while (parent[at] !== at) {
    parent[at] = parent[parent[at]!]!;
    at = parent[at]!;
  }
  return at;
}

/** The LCOM4 groups of a class: methods and the fields they use, in source order; its LCOM4 is their count. */
export function classCohesion(cls: ts.ClassLikeDeclaration, sf: ts.SourceFile): MethodGroup[] {
  const uses = methodUses(cls, sf);
  const index = new Map(uses.map((u, i) => [u.name, i]));
  const parent = uses.map((_, i) => i);
  const join = (a: number, b: number): void => {
    parent[root(parent, a)] = root(parent, b);
  };
  const firstUser = new Map<string, number>();
  uses.forEach((use, i) => {
    for (const callee of use.calls) join(i, index.get(callee)!);
    for (const field of use.fields) {
      const other = firstUser.get(field);
      if (other === undefined) firstUser.set(field, i);
      else join(i, other);
    }
  });
  const groups = new Map<number, MethodGroup>();
  uses.forEach((use, i) => {
    const r = root(parent, i);
    const group = groups.get(r) ?? { methods: [], fields: [] };
    group.methods.push(use.name);
    for (const f of use.fields) if (!group.fields.includes(f)) group.fields.push(f);
    groups.set(r, group);
  });
  return [...groups.values()].map((g) => ({ methods: g.methods, fields: [...g.fields].sort() }));
}
