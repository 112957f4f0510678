// Types of the plain-ESM precision judge, for the tests.
export interface DiffHunk {
  baseStart: number;
  baseCount: number;
  headStart: number;
  headCount: number;
}
export interface DiffFile {
  path: string | null;
  added: boolean;
  deleted: boolean;
  hunks: DiffHunk[];
}
export interface SourceSpan {
  kind: "function" | "class";
  line: number;
  endLine: number;
}
export function parseZeroContextDiff(text: string): Map<string, DiffFile>;
export function spansOf(text: string, file: string): SourceSpan[];
export function spanAt(spans: SourceSpan[], kind: SourceSpan["kind"], line: number): SourceSpan | null;
export function touches(span: SourceSpan, spans: SourceSpan[], hunks: DiffHunk[]): { span: boolean; own: boolean };
