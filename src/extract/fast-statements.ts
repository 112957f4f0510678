// The statement reader of the fast import scan (fast-scan.ts): each `import` / `export` /
// `require` token is read forward only as far as the statement's shape needs; on anything
// unexpected the reader stops at that token, so the statement after it is still seen.
import ts from "./typescript-api.js";
import type { ImportSite } from "./source-facts.js";
import { ImportLexer, isNameToken } from "./fast-lexer.js";
import type { ScannedImport } from "./fast-scan.js";

const K = ts.SyntaxKind;

export interface PendingSite extends Omit<ScannedImport, "line"> {
  pos: number;
}

const PROMISE_MEMBERS = new Set(["then", "catch", "finally"]);
const isString = (t: ts.SyntaxKind): boolean => t === K.StringLiteral || t === K.NoSubstitutionTemplateLiteral;
const isName = isNameToken;
/** `import { type A, type B }`: every element type-only, and at least one. */
const allTypeOnly = (elements: boolean[]): boolean => elements.length > 0 && elements.every(Boolean);

/** dependency-cruiser's `exoticRequireStrings`: `want` (a function name) or `window.require` (object.function). */
interface ExoticNames {
  single: ReadonlySet<string>;
  composite: ReadonlySet<string>;
  empty: boolean;
}

function exoticNames(strings: readonly string[]): ExoticNames {
  const single = new Set<string>();
  const composite = new Set<string>();
  for (const s of strings) (s.split(".").length === 2 ? composite : single).add(s);
  return { single, composite, empty: single.size === 0 && composite.size === 0 };
}

export class SiteReader {
  readonly sites: PendingSite[] = [];
  private readonly lex: ImportLexer;
  private readonly exotic: ExoticNames;

  constructor(text: string, exoticRequireStrings: readonly string[] = []) {
    this.lex = new ImportLexer(text);
    this.exotic = exoticNames(exoticRequireStrings);
  }

  read(): PendingSite[] {
    const lex = this.lex;
    lex.next();
    while (lex.token !== K.EndOfFileToken) {
      // Each reader consumes at least one token and leaves the first one it did not understand.
      if (!this.statement()) lex.next();
    }
    return this.sites;
  }

  private statement(): boolean {
    const { token, previous } = this.lex;
    if (previous === K.DotToken || previous === K.QuestionDotToken) return false; // `x.import`, `x.require(`
    if (token === K.ImportKeyword) this.importAt();
    else if (token === K.ExportKeyword) this.exportAt();
    // `new require("x")` is a NewExpression, which neither analyzeSource nor dependency-cruiser counts.
    else if (token === K.RequireKeyword && previous !== K.NewKeyword) this.callAt("require");
    else if (token === K.Identifier && previous !== K.NewKeyword && !this.exotic.empty) return this.exoticAt();
    else return false;
    return true;
  }

  /** `want("x")` or `window.require("x")` for exotic require strings (tsc/extract-typescript-deps.mjs isExoticRequire). */
  private exoticAt(): boolean {
    const lex = this.lex;
    const name = lex.value;
    if (this.exotic.single.has(name) && lex.peek() === K.OpenParenToken) {
      this.callAt("require", name);
      return true;
    }
    const [dot, member, memberName] = lex.peekTwo();
    const composite = `${name}.${memberName}`;
    if (dot !== K.DotToken || !isName(member) || !this.exotic.composite.has(composite)) return false;
    lex.next();
    lex.next();
    this.callAt("require", composite);
    return true;
  }

  private add(kind: ImportSite["kind"], typeOnly: boolean, nested: boolean): void {
    this.sites.push({ specifier: this.lex.value, pos: this.lex.start, typeOnly, kind, nested, directive: null });
  }

  private importAt(): void {
    const lex = this.lex;
    const nested = lex.nested;
    const afterTypeof = lex.previous === K.TypeOfKeyword;
    const t = lex.next();
    if (t === K.OpenParenToken) return this.callAt(afterTypeof ? "import-type" : "dynamic-import");
    if (t === K.StringLiteral) return this.add("import", false, nested); // `import "./polyfill"` runs it
    const typeModifier = this.importModifier();
    const clause = this.importClause();
    if (clause === "equals") return this.requireAfterEquals(typeModifier, nested);
    if (clause !== null && this.fromSpecifier()) this.add("import", typeModifier || clause.allTypes, nested);
  }

  /** Consumes `type` of `import type X` / `import type {` / `import type *`, and TS 5.9's `defer` of `import defer *`. */
  private importModifier(): boolean {
    const lex = this.lex;
    if (lex.token === K.DeferKeyword && lex.peek() === K.AsteriskToken) lex.next();
    if (lex.token !== K.TypeKeyword) return false;
    // `import type from "x"` and `import type, { a } from "x"` import a default binding named `type`.
    const following = lex.peek();
    const modifier = following === K.OpenBraceToken || following === K.AsteriskToken || (isName(following) && following !== K.FromKeyword);
    if (modifier) lex.next();
    return modifier;
  }

  /** Default, `* as ns` and `{ ... }` bindings up to `from`; "equals" at `import x =`; null when no clause. */
  private importClause(): { allTypes: boolean } | "equals" | null {
    const lex = this.lex;
    let t = lex.token;
    let bindsValues = false; // a default binding: never type-only without `import type`
    if (t !== K.OpenBraceToken && t !== K.AsteriskToken && isName(t)) {
      bindsValues = true;
      t = lex.next();
      if (t === K.EqualsToken) return "equals";
      if (t === K.FromKeyword) return { allTypes: false };
      if (t !== K.CommaToken) return null;
      t = lex.next();
    }
    if (t === K.AsteriskToken) {
      if (lex.next() !== K.AsKeyword || !isName(lex.next())) return null;
      lex.next();
      return { allTypes: false };
    }
    const elements = t === K.OpenBraceToken ? this.elements() : null;
    if (elements === null) return null;
    lex.next();
    return { allTypes: !bindsValues && allTypeOnly(elements) };
  }

  private exportAt(): void {
    const lex = this.lex;
    const nested = lex.nested;
    let t = lex.next();
    const typeModifier = t === K.TypeKeyword && [K.OpenBraceToken, K.AsteriskToken].includes(lex.peek());
    if (typeModifier) t = lex.next();
    if (t === K.ImportKeyword) return this.importAt(); // `export import x = require("y")`
    const clause = this.exportClause();
    if (clause !== null && this.fromSpecifier()) this.add("export", typeModifier || clause.allTypes, nested);
  }

  /** `*`, `* as ns` or `{ ... }` up to `from`; null for export default / const / = / as namespace. */
  private exportClause(): { allTypes: boolean } | null {
    const lex = this.lex;
    if (lex.token === K.AsteriskToken) {
      if (lex.next() !== K.AsKeyword) return { allTypes: false };
      const name = lex.next();
      if (!isName(name) && name !== K.StringLiteral) return null;
      lex.next();
      return { allTypes: false };
    }
    const elements = lex.token === K.OpenBraceToken ? this.elements() : null;
    if (elements === null) return null;
    lex.next();
    return { allTypes: allTypeOnly(elements) };
  }

  /** At `from`: moves to the specifier, true when it is a string literal. */
  private fromSpecifier(): boolean {
    return this.lex.token === K.FromKeyword && this.lex.next() === K.StringLiteral;
  }

  /** `{ a, type B, c as d }` up to its `}`: whether each element is type-only; null when it is no such list. */
  private elements(): boolean[] | null {
    const lex = this.lex;
    const result: boolean[] = [];
    let element: ts.SyntaxKind[] = [];
    const close = (): void => {
      // `type X` or `type X as Y` (also `type as as Y`); `type`, `type as Y` name a binding `type`.
      if (element.length > 0) result.push(element[0] === K.TypeKeyword && (element.length === 2 || element.length === 4));
      element = [];
    };
    for (let t = lex.next(); t !== K.CloseBraceToken; t = lex.next()) {
      if (t === K.CommaToken) close();
      else if (isName(t) || t === K.StringLiteral) element.push(t);
      else return null;
    }
    close();
    return result;
  }

  private requireAfterEquals(typeModifier: boolean, nested: boolean): void {
    const lex = this.lex;
    if (lex.next() !== K.RequireKeyword || lex.next() !== K.OpenParenToken || lex.next() !== K.StringLiteral) return;
    const specifierAt = this.sites.length;
    this.add("import-equals", typeModifier, nested);
    if (lex.next() !== K.CloseParenToken) this.sites.length = specifierAt;
  }

  /** `require("x")` / `import("x")` (or an exotic require) with a literal first argument (a template without holes counts). */
  private callAt(kind: "require" | "dynamic-import" | "import-type", exotic?: string): void {
    const lex = this.lex;
    if (kind === "require" && lex.next() !== K.OpenParenToken) return;
    if (!isString(lex.next())) return;
    const site: PendingSite = { specifier: lex.value, pos: lex.start, typeOnly: false, kind, nested: false, directive: null };
    if (exotic !== undefined) site.exotic = exotic;
    const t = lex.next();
    if (t !== K.CloseParenToken && t !== K.CommaToken) return; // `require("a" + b)`: not a literal argument
    if (kind === "dynamic-import" && t === K.CloseParenToken && this.typeFollows()) site.kind = "import-type";
    site.typeOnly = site.kind === "import-type";
    this.sites.push(site);
  }

  // `import("./x").T` and `import("./x")<A>` are types; a dynamic import is a promise, so
  // only `.then` / `.catch` / `.finally` follow it. (`typeof import("./x")` is caught before.)
  private typeFollows(): boolean {
    const [first, second, name] = this.lex.peekTwo();
    if (first === K.LessThanToken) return true;
    return first === K.DotToken && isName(second) && !PROMISE_MEMBERS.has(name);
  }
}
