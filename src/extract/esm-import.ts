// import() of an ES module named at run time (a package, a file URL). The review worker runs from a
// CommonJS bundle compiled by vm.Script with a V8 code cache (engine/review-worker-start.ts); in such
// code Node 20 has no loader for import() (vm's importModuleDynamically is not kept with cached code),
// so the file that starts the bundle lends its own import() through this hook. Elsewhere: import().

/** The hook's key on globalThis: a registered symbol, the same in the bundle and in the file starting it. */
export const ESM_IMPORT_HOOK = Symbol.for("archreview.esm-import");

type EsmImport = (specifier: string) => Promise<unknown>;

export function importEsm<T>(specifier: string): Promise<T> {
  const hook = (globalThis as { [ESM_IMPORT_HOOK]?: EsmImport })[ESM_IMPORT_HOOK];
  return (hook ? hook(specifier) : import(specifier)) as Promise<T>;
}
