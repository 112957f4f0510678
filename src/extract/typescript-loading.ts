// How extract/typescript-api.ts gets TypeScript: a plain require, or the loader the engine installs
// before the extractors load (engine/typescript-code-cache.ts: the build's minified copy of typescript.js, from a V8 code cache).
import { createRequire } from "node:module";

/** Returns the `typescript` package's exports; `require` resolves from extract/. */
export type TypeScriptLoader = (require: NodeRequire) => unknown;

let installed: TypeScriptLoader | null = null;

/** Takes effect for the first load of the extractors in this thread (null: a plain require). */
export function useTypeScriptLoader(loader: TypeScriptLoader | null): void {
  installed = loader;
}

export function loadTypeScript(): unknown {
  const require = createRequire(import.meta.url);
  return installed ? installed(require) : require("typescript");
}
