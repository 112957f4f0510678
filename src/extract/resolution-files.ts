// Which files decide import resolution, on its own: listed-tree checks and manifests ask without
// loading the scanner and resolver.
import path from "node:path";

/** Files whose change can alter how every import resolves: derive falls back to a full build. */
export function changesResolution(file: string): boolean {
  const name = path.posix.basename(file);
  return name === "package.json" || name === "pnpm-workspace.yaml" || /^[tj]sconfig.*\.json$/.test(name);
}
