// Where the next architecture decision record belongs and which number it takes.
export const ADR_DIRECTORIES = ["docs/adr", "doc/adr", "docs/decisions", "docs/architecture/decisions", "adr"];

export interface AdrPlan {
  directory: string;
  number: number;
}

/**
 * `configured` (archreview.yml) wins, then adr-tools' `.adr-dir`, then the first conventional
 * directory that holds files, else docs/adr. The number follows the highest `NNNN-` prefix there.
 */
export function planAdr(files: string[], configured: string | null, adrDirFile: string | null): AdrPlan {
  const clean = (d: string): string => d.trim().replace(/^\.\//, "").replace(/\/+$/, "");
  const directory =
    (configured && clean(configured)) ||
    (adrDirFile && clean(adrDirFile)) ||
    ADR_DIRECTORIES.find((d) => files.some((f) => f.startsWith(`${d}/`))) ||
    "docs/adr";
  let highest = 0;
  for (const f of files) {
    if (!f.startsWith(`${directory}/`)) continue;
    const name = f.slice(directory.length + 1);
    const match = /^(\d+)[-_ ]/.exec(name);
    if (match && !name.includes("/")) highest = Math.max(highest, Number(match[1]));
  }
  return { directory, number: highest + 1 };
}
