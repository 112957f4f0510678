// The report layer's public API: a Review in, text out (comment, terminal, JSON, ADR stub).
export { COMMENT_MARKER, DEFAULT_MAX_CHARS, renderMarkdown, type MarkdownOptions } from "./markdown.js";
export { MAX_MERMAID_CHARS, renderBoundaryGraph } from "./mermaid.js";
export { renderText, type TextOptions } from "./text.js";
export { renderJson } from "./json.js";
export { adrTitle, renderAdr, slugify, type AdrInput } from "./adr.js";
