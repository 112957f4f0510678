// The results as a plain-text table for the terminal (the JSON file has every run).
const fmtMs = (v) => (v === null ? "n/a" : Math.round(v).toLocaleString("en-US"));
const fmtMb = (v) => (v === null ? "n/a" : v.toFixed(0));
const fmtRatio = (v) => (v === null ? "n/a" : `${v.toFixed(2)}x`);

function layout(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

export function formatTable(rows, { warm }) {
  const header = ["change", "archreview ms", "naive ms", "ratio", "archreview peak RSS MB", "naive peak RSS MB", "ratio"];
  if (warm) header.push("warm ms", "warm peak RSS MB");
  const cells = rows.map((r) => {
    const c = [
      `${r.change} (${r.filesChanged} file${r.filesChanged === 1 ? "" : "s"})`,
      fmtMs(r.archreview.medianMs),
      fmtMs(r.naive.medianMs),
      fmtRatio(r.ratios.ms),
      fmtMb(r.archreview.medianPeakRssMb),
      fmtMb(r.naive.medianPeakRssMb),
      fmtRatio(r.ratios.rss),
    ];
    if (warm) c.push(fmtMs(r.warm?.medianMs ?? null), fmtMb(r.warm?.medianPeakRssMb ?? null));
    return c;
  });
  return layout(header, cells);
}

export function formatMachine(m) {
  return `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM, ${m.platform}; node ${m.node}, git ${m.git}, dependency-cruiser ${m.dependencyCruiser}`;
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
