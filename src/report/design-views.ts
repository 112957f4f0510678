// Views of the design findings: class cohesion (LCOM4), boundary cohesion, mixed concerns and
// boundary fan-out. Split from finding-views.ts to keep each file small; the same mapped type checks them.
import type { FindingOf, MethodGroup } from "../core/model.js";
import { COHESION, RESPONSIBILITY } from "./finding-sections.js";
import type { FindingView } from "./finding-view.js";
import { codeSpan, location } from "./md-escape.js";
import { clean, loc } from "./terminal-style.js";

type DesignKind = "low-cohesion-class" | "boundary-cohesion" | "mixed-concerns" | "boundary-fan-out";

const atBase = (value: number | null): string => (value === null ? "new" : `base ${value}`);
const groupsPlain = (groups: MethodGroup[]): string => groups.map((g) => `{${g.methods.join(", ")}}`).join(" · ");
const figure = (value: number | null): string => (value === null ? "–" : value.toFixed(2));

function cohesionChange(f: FindingOf<"boundary-cohesion">): string {
  if (f.trigger === "relational-drop") return `relational cohesion ${figure(f.base.relational)} → ${figure(f.head.relational)}`;
  return `split into ${f.parts.length} parts that do not import each other (components ${f.base.components} → ${f.head.components})`;
}

const concernsPlain = (f: FindingOf<"mixed-concerns">): string => f.concerns.map((c) => `${c.concern} (${c.imports.map((i) => i.specifier).join(", ")})`).join(", ");

export const DESIGN_VIEWS: { [K in DesignKind]: FindingView<K> } = {
  "low-cohesion-class": {
    section: COHESION,
    counted: { one: "class with low cohesion", many: "classes with low cohesion" },
    cells: (f, ctx) => [`${codeSpan(f.displayName ?? f.name)} in ${location(f.file, f.line, ctx)}: LCOM4 ${f.lcom4} (${atBase(f.baseLcom4)}), ${f.groups.length} unrelated method groups`],
    terminal: (f) => `${loc(f.file, f.line)}  ${clean(f.displayName ?? f.name)}  LCOM4 ${f.lcom4} (${atBase(f.baseLcom4)}): ${clean(groupsPlain(f.groups))}`,
    annotation: (f) => ({
      line: f.line ?? 1,
      title: `Class with ${f.lcom4} unrelated method groups (LCOM4)`,
      message: `${f.displayName ?? f.name} has LCOM4 ${f.lcom4} (${atBase(f.baseLcom4)}): its methods form groups that share no field and call no method of each other: ${groupsPlain(f.groups)}.`,
    }),
    sarif: { id: "archreview/low-cohesion-class", shortDescription: "Class whose methods form unrelated groups (LCOM4 >= 2)", help: "Each method group is a candidate class of its own." },
  },
  "boundary-cohesion": {
    section: COHESION,
    counted: { one: "boundary with lower cohesion", many: "boundaries with lower cohesion" },
    cells: (f) => [`${codeSpan(f.boundary)} ${cohesionChange(f)}${f.parts.length > 0 ? `: ${f.parts.map((p) => `{${p.map((m) => codeSpan(m)).join(", ")}}`).join(" · ")}` : ""}`],
    terminal: (f) => `${clean(f.boundary)}  ${cohesionChange(f)}${f.parts.length > 0 ? `: ${clean(f.parts.map((p) => `{${p.join(", ")}}`).join(" · "))}` : ""}`,
    // A boundary has no line to sit on; the summary lists it.
    annotation: () => null,
    sarif: { id: "archreview/boundary-cohesion", shortDescription: "Boundary split into unconnected parts, or much less cohesive", help: "Reconnect the parts or make them separate boundaries." },
  },
  "mixed-concerns": {
    section: RESPONSIBILITY,
    counted: { one: "file mixing concerns", many: "files mixing concerns" },
    cells: (f, ctx) => [`${location(f.file, f.line, ctx)} mixes ${f.concerns.map((c) => `${c.concern} (${c.imports.map((i) => codeSpan(i.specifier)).join(", ")})`).join(", ")}`],
    terminal: (f) => `${loc(f.file, f.line)}  mixes ${clean(concernsPlain(f))}`,
    annotation: (f) =>
      f.line === null ? null : { line: f.line, title: "Concerns mixed in one file", message: `${f.file} now mixes ${concernsPlain(f)}: a layer between them is missing.` },
    sarif: { id: "archreview/mixed-concerns", shortDescription: "File mixing concerns (data access, HTTP, UI...)", help: "Keep one concern per file and reach the others through interfaces." },
  },
  "boundary-fan-out": {
    section: RESPONSIBILITY,
    counted: { one: "file depending on too many boundaries", many: "files depending on too many boundaries" },
    cells: (f, ctx) => [`${location(f.file, null, ctx)} imports ${f.boundaries.length} other boundaries: ${f.boundaries.map((b) => codeSpan(b)).join(", ")} (limit ${f.limit}, ${atBase(f.baseBoundaries)})`],
    terminal: (f) => `${clean(f.file)}  imports ${f.boundaries.length} other boundaries: ${clean(f.boundaries.join(", "))} (limit ${f.limit}, ${atBase(f.baseBoundaries)})`,
    annotation: (f) => ({ line: 1, title: `File importing over ${f.limit} boundaries`, message: `${f.file} imports ${f.boundaries.length} other boundaries: ${f.boundaries.join(", ")} (limit ${f.limit}).` }),
    sarif: { id: "archreview/boundary-fan-out", shortDescription: "File depending on more boundaries than the limit", help: "Split the file by the boundaries it coordinates, or go through a facade." },
  },
};
