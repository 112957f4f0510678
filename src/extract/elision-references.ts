// Which imported bindings a file references as a VALUE, read from its parse tree: the question
// TypeScript's transpile (isolatedModules) answers to decide whether an import survives. What the
// walk does not model exactly makes it give up (`unsure`), and the caller transpiles instead.
import type { ClassLikeDeclaration, HeritageClause, Identifier, SignatureDeclaration } from "typescript";
import ts from "./typescript-api.js";

/** How the walk reads the identifiers below a node. */
const Mode = {
  Value: 0,
  Type: 1,
  /** Inside a `declare` statement: nothing is emitted; a mention of an import there is not modelled. */
  Ambient: 2,
} as const;
type Mode = (typeof Mode)[keyof typeof Mode];

export interface ValueReferences {
  /** Imported names referenced as values. */
  values: Set<string>;
  /**
   * Imported names whose references the walk cannot count exactly: shadowed by a local declaration
   * (a reference may be the local's), or named in an ambient declaration. Decided only by another binding.
   */
  uncertain: Set<string>;
  /** What the walk does not model exactly and met (false when none): transpile instead. */
  unsure: string | false;
  /** The file has a decorator (with `emitDecoratorMetadata`, annotated types become values: not modelled). */
  decorated: boolean;
  /** Every class outside ambient declarations (their decorators' metadata: elision-metadata.ts). */
  classes: ClassLikeDeclaration[];
}

/** Nodes that declare a name in a scope: one named like an import shadows it (or conflicts with it). */
const SCOPE_DECLARATIONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
]);

/** Constructs the walk never models: TypeScript's transpile decides them. */
const UNMODELLED = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.ModuleDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
  ts.SyntaxKind.NamespaceExportDeclaration,
  ts.SyntaxKind.JsxElement,
  ts.SyntaxKind.JsxSelfClosingElement,
  ts.SyntaxKind.JsxFragment,
]);

type Named = ts.Node & { name?: ts.Node; propertyName?: ts.Node; label?: ts.Node };

/** An identifier in a slot that names something rather than refers to it (`.name`, labels, `{ a: b }`'s `a`). */
function isNameSlot(parent: Named, child: ts.Node): boolean {
  if (parent.name === child) return parent.kind !== ts.SyntaxKind.ShorthandPropertyAssignment;
  return parent.propertyName === child || parent.label === child;
}

// A `declare` class member is a type annotation only; a `declare` statement emits nothing at all.
const isAmbient = (node: ts.Node): boolean =>
  !ts.isClassElement(node) &&
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);

/** Nodes that name a parameter: their function's scope handles them (ReferenceWalk.shadowedBy). */
const PARAMETER_NAMES = new Set<ts.SyntaxKind>([ts.SyntaxKind.Parameter, ts.SyntaxKind.BindingElement]);

/** The names a parameter (or binding pattern) declares. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(e.name)));
}

class ReferenceWalk {
  readonly values = new Set<string>();
  readonly uncertain = new Set<string>();
  unsure: string | false = false;
  decorated = false;
  readonly classes: ClassLikeDeclaration[] = [];
  /** Imported names a parameter shadows where the walk is: a reference there is the parameter's, in its whole function. */
  private readonly shadowedBy = new Map<string, number>();
  /** Inside a parameter list of the innermost function (its names are scoped, not unsure). */
  private inParameters = false;

  constructor(private readonly imported: ReadonlySet<string>) {}

  visit(node: ts.Node, mode: Mode): void {
    if (this.unsure) return;
    if (UNMODELLED.has(node.kind)) {
      this.unsure = ts.SyntaxKind[node.kind] ?? "construct";
      return;
    }
    if (ts.isIdentifier(node)) return this.identifier(node, mode);
    this.note(node, mode);
    if (SCOPE_DECLARATIONS.has(node.kind) && !(this.inParameters && PARAMETER_NAMES.has(node.kind))) this.declaration(node as Named);
    if (ts.isFunctionLike(node)) this.visitFunction(node, mode);
    else this.visitChildren(node, mode);
  }

  /** Decorators and classes (for their metadata), and what makes the walk unsure. */
  private note(node: ts.Node, mode: Mode): void {
    if (node.kind === ts.SyntaxKind.Decorator) {
      this.decorated = true;
      if (mode === Mode.Ambient) this.unsure = "decorator in an ambient declaration";
    }
    if (ts.isClassLike(node) && mode !== Mode.Ambient) this.classes.push(node);
    // `import.meta` with an import named `meta`: TypeScript keeps the import; not modelled.
    if (ts.isMetaProperty(node) && this.imported.has(node.name.text)) this.unsure = "import.meta";
  }

  private visitChildren(node: ts.Node, mode: Mode): void {
    const childMode = this.childMode(node, mode);
    ts.forEachChild(node, (child) => {
      if (ts.isIdentifier(child) && isNameSlot(node as Named, child)) return;
      if (!ts.isParameter(child)) return this.visit(child, childMode);
      this.inParameters = true;
      this.visit(child, childMode);
      this.inParameters = false;
    });
  }

  /** A function's parameters shadow imports of their names in the whole function (parameters, body). */
  private visitFunction(node: SignatureDeclaration, mode: Mode): void {
    const shadows = node.parameters.flatMap((p) => boundNames(p.name)).filter((n) => this.imported.has(n));
    const outerParameters = this.inParameters;
    this.inParameters = false;
    for (const name of shadows) this.shadowedBy.set(name, (this.shadowedBy.get(name) ?? 0) + 1);
    this.visitChildren(node, mode);
    for (const name of shadows) this.shadowedBy.set(name, (this.shadowedBy.get(name) ?? 1) - 1);
    this.inParameters = outerParameters;
  }

  private identifier(node: Identifier, mode: Mode): void {
    if (!this.imported.has(node.text) || (this.shadowedBy.get(node.text) ?? 0) > 0) return;
    if (mode === Mode.Value) this.values.add(node.text);
    else if (mode === Mode.Ambient) this.uncertain.add(node.text);
  }

  private declaration(node: Named): void {
    if (node.name && ts.isIdentifier(node.name) && this.imported.has(node.name.text)) this.uncertain.add(node.name.text);
  }

  /** The mode of a node's children: types switch to Type, computed names and class `extends` back to Value. */
  private childMode(node: ts.Node, mode: Mode): Mode {
    if (mode === Mode.Ambient) return mode;
    if (mode === Mode.Value && isAmbient(node)) return Mode.Ambient;
    switch (node.kind) {
      case ts.SyntaxKind.ComputedPropertyName:
        return Mode.Value; // `[X.key]` is an expression even in an interface (TypeScript keeps X)
      case ts.SyntaxKind.HeritageClause:
        return (node as HeritageClause).token === ts.SyntaxKind.ExtendsKeyword && mode === Mode.Value ? Mode.Value : Mode.Type;
      case ts.SyntaxKind.ExpressionWithTypeArguments:
        return mode; // class `extends X<T>` and instantiation expressions `X<T>`: X as its context says; T is a type node
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return Mode.Type;
      default:
        return ts.isTypeNode(node) ? Mode.Type : mode;
    }
  }
}

/** The statements that are import/export sites themselves, or local `export { X }` lists. */
function exportedImport(statement: ts.Statement, imported: ReadonlySet<string>): boolean {
  if (ts.isExportAssignment(statement)) return statement.isExportEquals === true;
  if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier) return false;
  const clause = statement.exportClause;
  if (!clause || !ts.isNamedExports(clause)) return true;
  return clause.elements.some((e) => imported.has((e.propertyName ?? e.name).text));
}

/** The imported names `file` references as values, or unsure when the walk cannot tell exactly. */
export function valueReferences(file: ts.SourceFile, imported: ReadonlySet<string>): ValueReferences {
  const walk = new ReferenceWalk(imported);
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) continue;
    // `export { X }` of an import, `export =`: re-exports TypeScript decides by the target's kind.
    if (exportedImport(statement, imported)) return { values: walk.values, unsure: "re-exported import", decorated: walk.decorated, classes: walk.classes, uncertain: walk.uncertain };
    walk.visit(statement, Mode.Value);
    if (walk.unsure) break;
  }
  return { values: walk.values, unsure: walk.unsure, decorated: walk.decorated, classes: walk.classes, uncertain: walk.uncertain };
}
