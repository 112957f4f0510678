// A token stream over one source file for the fast import scan (fast-scan.ts): the TypeScript
// scanner without the parser, plus the three bits of context a flat token loop otherwise gets
// wrong: regex literals, template literals with `${}` holes, and namespace / `declare module`
// bodies (dependency-cruiser reads import declarations only at the top level of a file).
import ts from "./typescript-api.js";

const K = ts.SyntaxKind;

/** Tokens after which a `/` divides; after anything else it starts a regular expression. */
const VALUE_END = new Set<ts.SyntaxKind>([
  K.Identifier,
  K.PrivateIdentifier,
  K.NumericLiteral,
  K.BigIntLiteral,
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateTail,
  K.RegularExpressionLiteral,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.PlusPlusToken,
  K.MinusMinusToken,
  // `<Item key={id} />` in JSX is far more common than a regex statement right after a block.
  K.CloseBraceToken,
  // `</div>` in JSX: a closing tag, not a regex that would swallow the rest of the line.
  K.LessThanToken,
]);

/** Keywords that end a value (`this / 2`); other keywords (`return /x/`) start an expression. */
const VALUE_KEYWORDS = new Set<ts.SyntaxKind>([K.ThisKeyword, K.SuperKeyword, K.NullKeyword, K.TrueKeyword, K.FalseKeyword]);
const EXPRESSION_KEYWORDS = new Set<ts.SyntaxKind>([
  K.ReturnKeyword, K.TypeOfKeyword, K.InstanceOfKeyword, K.InKeyword, K.OfKeyword, K.NewKeyword, K.DeleteKeyword,
  K.VoidKeyword, K.ThrowKeyword, K.CaseKeyword, K.DoKeyword, K.ElseKeyword, K.YieldKeyword, K.AwaitKeyword, K.DefaultKeyword,
]);

/** An identifier or any keyword (`type`, `from`, `default` all name bindings somewhere). */
export function isNameToken(t: ts.SyntaxKind): boolean {
  return t === K.Identifier || (t >= K.FirstKeyword && t <= K.LastKeyword);
}

function slashStartsRegex(previous: ts.SyntaxKind | undefined): boolean {
  if (previous === undefined) return true;
  if (VALUE_END.has(previous) || VALUE_KEYWORDS.has(previous)) return false;
  // Other keywords: a name (`type / 2`, `get / 2`) unless it starts an expression (`return /x/`).
  if (isNameToken(previous)) return EXPRESSION_KEYWORDS.has(previous);
  return true;
}

const BRACE = 0;
const TEMPLATE = 1;
const NAMESPACE = 2;

export class ImportLexer {
  private readonly scanner = ts.createScanner(ts.ScriptTarget.Latest, /*skipTrivia*/ true, ts.LanguageVariant.Standard);
  private readonly open: number[] = [];
  private namespaceDepth = 0;
  /** A `namespace X` / `declare module "x"` / `declare global` header waits for its `{`. */
  private namespaceHeader = false;
  token: ts.SyntaxKind = K.Unknown;
  previous: ts.SyntaxKind | undefined;

  constructor(text: string) {
    this.scanner.setText(text);
  }

  get value(): string {
    return this.scanner.getTokenValue();
  }

  get start(): number {
    return this.scanner.getTokenStart();
  }

  /** Inside a namespace or ambient module body, where dependency-cruiser sees no import declarations. */
  get nested(): boolean {
    return this.namespaceDepth > 0;
  }

  next(): ts.SyntaxKind {
    this.previous = this.token;
    let token = this.scanner.scan();
    if ((token === K.SlashToken || token === K.SlashEqualsToken) && slashStartsRegex(this.previous)) {
      token = this.scanner.reScanSlashToken();
    }
    if (token === K.OpenBraceToken) {
      this.open.push(this.namespaceHeader ? NAMESPACE : BRACE);
      if (this.namespaceHeader) this.namespaceDepth++;
    } else if (token === K.TemplateHead) {
      this.open.push(TEMPLATE);
    } else if (token === K.CloseBraceToken && this.open.length > 0) {
      const top = this.open.pop();
      if (top === NAMESPACE) this.namespaceDepth--;
      if (top === TEMPLATE) {
        token = this.scanner.reScanTemplateToken(/*isTaggedTemplate*/ false);
        if (token === K.TemplateMiddle) this.open.push(TEMPLATE);
      }
    }
    this.namespaceHeader = this.continuesNamespaceHeader(token);
    this.token = token;
    return token;
  }

  /** The token after the current one, without consuming it. */
  peek(): ts.SyntaxKind {
    return this.scanner.lookAhead(() => this.scanner.scan());
  }

  /** The two tokens after the current one (kind, value of the second), without consuming them. */
  peekTwo(): [ts.SyntaxKind, ts.SyntaxKind, string] {
    return this.scanner.lookAhead(() => {
      const first = this.scanner.scan();
      const second = this.scanner.scan();
      return [first, second, this.scanner.getTokenValue()];
    });
  }

  // `namespace A.B {`, `module A {`, `declare module "x" {`, `declare global {`: the names between
  // the keyword and the brace keep the header open; anything else (`module.exports`) closes it.
  private continuesNamespaceHeader(token: ts.SyntaxKind): boolean {
    const afterDot = this.previous === K.DotToken || this.previous === K.QuestionDotToken;
    if ((token === K.NamespaceKeyword || token === K.ModuleKeyword) && !afterDot) {
      const following = this.peek();
      return following === K.StringLiteral || isNameToken(following);
    }
    if (token === K.GlobalKeyword && this.previous === K.DeclareKeyword) return this.peek() === K.OpenBraceToken;
    if (!this.namespaceHeader) return false;
    return token === K.DotToken || token === K.StringLiteral || isNameToken(token);
  }
}
