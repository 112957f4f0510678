// Which touched files are generated: marked `linguist-generated` in the base's .gitattributes, named
// like generated code, matched by the config's `generated.ignore`, or headed by a generator's marker
// (found by extract). `generated.include` wins over all of these. Pure: texts and paths in.
import picomatch from "picomatch";
import type { GeneratedFiles } from "../config/types.js";

/** Suffixes and folders generators use: `x.gen.ts`, `x.generated.ts`, `x.pb.ts`, `x_pb.js`, `__generated__/`. */
const GENERATED_NAME = /(\.gen|\.generated|\.pb|_pb)\.(c|m)?(t|j)sx?$|(^|\/)__generated__\//;

export function hasGeneratedName(file: string): boolean {
  return GENERATED_NAME.test(file);
}

interface AttributeLine {
  matches: (file: string) => boolean;
  generated: boolean;
}

/** gitattributes patterns: no slash matches a name at any depth; a slash anchors at the root. */
function attributeGlob(pattern: string): string {
  const anchored = pattern.replace(/^\//, "");
  return pattern.includes("/") ? anchored : `**/${anchored}`;
}

function linguistGenerated(attributes: string[]): boolean | null {
  let value: boolean | null = null;
  for (const a of attributes) {
    if (a === "linguist-generated" || a === "linguist-generated=true") value = true;
    else if (a === "-linguist-generated" || a === "!linguist-generated" || a === "linguist-generated=false") value = false;
  }
  return value;
}

/** `linguist-generated` lines of a .gitattributes text; the last matching line decides, as in git. */
export function parseGitattributes(text: string): AttributeLine[] {
  const lines: AttributeLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [pattern, ...attributes] = line.split(/\s+/);
    const generated = linguistGenerated(attributes);
    if (pattern === undefined || generated === null) continue;
    lines.push({ matches: picomatch(attributeGlob(pattern), { dot: true }), generated });
  }
  return lines;
}

export interface GeneratedInput {
  /** Head paths of touched source files. */
  files: string[];
  /** The base's .gitattributes (a PR cannot mark its own files generated there); null when absent. */
  gitattributes: string | null;
  /** Files whose first lines carry a generator's marker (at head, and at base when they existed there). */
  headerMarked: ReadonlySet<string>;
  config: GeneratedFiles;
}

export function generatedFiles(input: GeneratedInput): string[] {
  const attributes = input.gitattributes === null ? [] : parseGitattributes(input.gitattributes);
  const ignored = input.config.ignore.length > 0 ? picomatch(input.config.ignore, { dot: true }) : () => false;
  const included = input.config.include.length > 0 ? picomatch(input.config.include, { dot: true }) : () => false;
  const byAttributes = (file: string): boolean => attributes.reduce((state, line) => (line.matches(file) ? line.generated : state), false);
  return input.files.filter(
    (file) => !included(file) && (ignored(file) || hasGeneratedName(file) || input.headerMarked.has(file) || byAttributes(file)),
  );
}
