// The one door to the TypeScript compiler API for our own code. Loaded with require, not `import ts
// from "typescript"`: Node 20's ESM loader would first scan the 9 MB typescript.js for its CommonJS
// export names (format detection + cjs-module-lexer, about 300 ms a review) before compiling it.
// The Action's bundle swaps this module for a static import (.ci/build-action.mjs), which esbuild inlines.
import type * as TypeScript from "typescript";
import { loadTypeScript } from "./typescript-loading.js";

const ts = loadTypeScript() as typeof TypeScript;

// The compiler API's types under the same name as its values (`ts.Node`, `ts.SyntaxKind`): add the ones extract uses.
// eslint-disable-next-line @typescript-eslint/no-namespace
declare namespace ts {
  export type AccessorDeclaration = TypeScript.AccessorDeclaration;
  export type BinaryExpression = TypeScript.BinaryExpression;
  export type BindingName = TypeScript.BindingName;
  export type CallExpression = TypeScript.CallExpression;
  export type ClassElement = TypeScript.ClassElement;
  export type ClassLikeDeclaration = TypeScript.ClassLikeDeclaration;
  export type CompilerOptions = TypeScript.CompilerOptions;
  export type ExportDeclaration = TypeScript.ExportDeclaration;
  export type ExportSpecifier = TypeScript.ExportSpecifier;
  export type Expression = TypeScript.Expression;
  export type ExpressionStatement = TypeScript.ExpressionStatement;
  export type FileReference = TypeScript.FileReference;
  export type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  export type ImportClause = TypeScript.ImportClause;
  export type ImportDeclaration = TypeScript.ImportDeclaration;
  export type ImportEqualsDeclaration = TypeScript.ImportEqualsDeclaration;
  export type ImportSpecifier = TypeScript.ImportSpecifier;
  export type ImportTypeNode = TypeScript.ImportTypeNode;
  export type JSDocParsingMode = TypeScript.JSDocParsingMode;
  export type JsxAttribute = TypeScript.JsxAttribute;
  export type JsxEmit = TypeScript.JsxEmit;
  export type LanguageVariant = TypeScript.LanguageVariant;
  export type MethodDeclaration = TypeScript.MethodDeclaration;
  export type ModifierLike = TypeScript.ModifierLike;
  export type ModuleKind = TypeScript.ModuleKind;
  export type NewExpression = TypeScript.NewExpression;
  export type NoSubstitutionTemplateLiteral = TypeScript.NoSubstitutionTemplateLiteral;
  export type Node = TypeScript.Node;
  export type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  export type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  export type ParseConfigHost = TypeScript.ParseConfigHost;
  export type ParsedCommandLine = TypeScript.ParsedCommandLine;
  export type PropertyAccessExpression = TypeScript.PropertyAccessExpression;
  export type PropertyAssignment = TypeScript.PropertyAssignment;
  export type PropertyDeclaration = TypeScript.PropertyDeclaration;
  export type PropertyName = TypeScript.PropertyName;
  export type ScriptKind = TypeScript.ScriptKind;
  export type ScriptTarget = TypeScript.ScriptTarget;
  export type SourceFile = TypeScript.SourceFile;
  export type Statement = TypeScript.Statement;
  export type StringLiteral = TypeScript.StringLiteral;
  export type StringLiteralLike = TypeScript.StringLiteralLike;
  export type SyntaxKind = TypeScript.SyntaxKind;
  export type VariableDeclaration = TypeScript.VariableDeclaration;
}

export default ts;
