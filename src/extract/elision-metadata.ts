// With `emitDecoratorMetadata`, TypeScript writes the annotated types of decorated members as
// values (`__metadata("design:type", X)`), so an import named there is kept: the checker's
// markDecoratorAliasReferenced, mirrored here for what a parse tree shows.
import type { AccessorDeclaration, ClassDeclaration, ClassElement, ClassLikeDeclaration, ConstructorDeclaration, EntityName, ParameterDeclaration, TypeNode } from "typescript";
import ts from "./typescript-api.js";

interface MetadataOptions {
  legacyDecorators: boolean;
  strictNullChecks: boolean;
}

const decorated = (node: ts.Node): boolean => ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0;
const privateNamed = (node: ClassElement): boolean => node.name !== undefined && ts.isPrivateIdentifier(node.name);

const isThis = (p: ParameterDeclaration): boolean => ts.isIdentifier(p.name) && p.name.text === "this";
const abstractOrAmbient = (node: ClassElement): boolean =>
  (ts.getModifiers(node as ts.PropertyDeclaration) ?? []).some((m) => m.kind === ts.SyntaxKind.AbstractKeyword || m.kind === ts.SyntaxKind.DeclareKeyword);

/** A decorator anywhere on a class expression, its members or their parameters. */
const anyDecorator = (node: ClassLikeDeclaration): boolean =>
  decorated(node) || node.members.some((m) => decorated(m) || ((ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isAccessor(m)) && m.parameters.some(decorated)));

/** `(T)` and `name: T` read as T. */
function unwrapped(type: TypeNode): TypeNode {
  while (ts.isParenthesizedTypeNode(type) || ts.isNamedTupleMember(type)) type = type.type;
  return type;
}

/** A list member the serializer skips: `never`, and `null`/`undefined` without strictNullChecks. */
function skipped(type: TypeNode, options: MetadataOptions): boolean {
  if (type.kind === ts.SyntaxKind.NeverKeyword) return true;
  const nullish = (ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword) || type.kind === ts.SyntaxKind.UndefinedKeyword;
  return !options.strictNullChecks && nullish;
}

/** getEntityNameForDecoratorMetadataFromTypeList: one entity name common to the list, null/undefined/never aside. */
function commonEntityName(types: readonly TypeNode[], options: MetadataOptions): EntityName | undefined {
  let common: EntityName | undefined;
  for (const listed of types) {
    const type = unwrapped(listed);
    if (skipped(type, options)) continue;
    const name = entityNameOf(type, options);
    if (!name) return undefined;
    if (common && (!ts.isIdentifier(common) || !ts.isIdentifier(name) || common.text !== name.text)) return undefined;
    common ??= name;
  }
  return common;
}

/** getEntityNameForDecoratorMetadata. */
function entityNameOf(type: TypeNode | undefined, options: MetadataOptions): EntityName | undefined {
  if (!type) return undefined;
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return commonEntityName(type.types, options);
  if (ts.isConditionalTypeNode(type)) return commonEntityName([type.trueType, type.falseType], options);
  if (ts.isParenthesizedTypeNode(type) || ts.isNamedTupleMember(type)) return entityNameOf(type.type, options);
  return ts.isTypeReferenceNode(type) ? type.typeName : undefined;
}

/** getParameterTypeNodeForDecoratorCheck: a rest parameter's element type. */
function parameterType(parameter: ParameterDeclaration): TypeNode | undefined {
  const type = parameter.type;
  if (!parameter.dotDotDotToken || !type) return type;
  if (ts.isArrayTypeNode(type)) return type.elementType;
  return ts.isTypeReferenceNode(type) && type.typeArguments?.length === 1 ? type.typeArguments[0] : undefined;
}

/** The types TypeScript serializes for one class declaration's decorators; null when not modelled (a bare accessor). */
function serializedTypes(node: ClassDeclaration, options: MetadataOptions): (TypeNode | undefined)[] | null {
  const types: (TypeNode | undefined)[] = [];
  const constructor = node.members.find((m): m is ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  if (decorated(node) && constructor) types.push(...constructor.parameters.map(parameterType));
  for (const member of node.members) {
    if (privateNamed(member)) continue;
    const ofMember = memberTypes(member, options);
    if (ofMember === null) return null;
    types.push(...ofMember);
  }
  return types;
}

/** markDecoratorAliasReferenced for one member and its parameters (nodeCanBeDecorated's conditions). */
function memberTypes(member: ClassElement, options: MetadataOptions): (TypeNode | undefined)[] | null {
  if (ts.isPropertyDeclaration(member)) return decorated(member) && (options.legacyDecorators || !abstractOrAmbient(member)) ? [member.type] : [];
  const withBody = (ts.isMethodDeclaration(member) || ts.isAccessor(member) || ts.isConstructorDeclaration(member)) && member.body !== undefined;
  return withBody ? signatureTypes(member as ts.FunctionLikeDeclaration, options) : [];
}

/** A method's, accessor's or constructor's (with a body): its decorators' and its parameters' decorators'. */
function signatureTypes(member: ts.FunctionLikeDeclaration, options: MetadataOptions): (TypeNode | undefined)[] | null {
  const types: (TypeNode | undefined)[] = [];
  if (decorated(member) && ts.isMethodDeclaration(member)) types.push(...member.parameters.map(parameterType), member.type);
  if (decorated(member) && ts.isAccessor(member)) {
    const annotated = accessorType(member);
    if (!annotated) return null; // TypeScript would look at the other accessor: not modelled
    types.push(annotated);
  }
  // A decorated parameter (legacy decorators only) serializes its whole signature.
  if (options.legacyDecorators && hasDecoratedParameter(member)) types.push(...member.parameters.map(parameterType), member.type);
  return types;
}

/** getAnnotatedAccessorTypeNode: a getter's return type, a setter's parameter type. */
const accessorType = (member: AccessorDeclaration): TypeNode | undefined =>
  ts.isGetAccessor(member) ? member.type : member.parameters.find((p) => !isThis(p))?.type;

const hasDecoratedParameter = (member: ts.FunctionLikeDeclaration): boolean =>
  !ts.isGetAccessor(member) && member.parameters.some((p) => decorated(p) && !isThis(p));

/** The root names (`X` of `X.Y`) of the types the decorators of `classes` make values; null when not modelled. */
export function metadataReferences(classes: readonly ClassLikeDeclaration[], compilerOptions: ts.CompilerOptions): Set<string> | null {
  const options: MetadataOptions = {
    legacyDecorators: compilerOptions.experimentalDecorators === true,
    strictNullChecks: compilerOptions.strictNullChecks ?? compilerOptions.strict ?? false,
  };
  const names = new Set<string>();
  for (const node of classes) {
    // Decorated class expressions (ES decorators on their members) are not modelled.
    if (!ts.isClassDeclaration(node)) {
      if (anyDecorator(node)) return null;
      continue;
    }
    const types = serializedTypes(node, options);
    if (types === null) return null;
    for (const type of types) {
      let name = entityNameOf(type, options);
      while (name && ts.isQualifiedName(name)) name = name.left;
      if (name) names.add(name.text);
    }
  }
  return names;
}
