// Median of repeated measurements: one slow outlier (a GC pause, a busy neighbour) does not move it.
export function median(values) {
  const sorted = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** a / b, or null when either is unknown. */
export const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);
