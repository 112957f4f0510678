// Seeded pseudo-random numbers, so the generated monorepo is byte-identical on every run
// (same files, same commits, comparable timings across machines and revisions).

/** FNV-1a: turns a label into 32 bits, to derive independent streams from one seed. */
function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32: tiny, fast, good enough for test data. Each consumer forks its own stream by
 * label, so adding a draw in one place does not reshuffle everything generated after it.
 */
export function createRng(seed, label = "") {
  let state = (hash32(`${seed}:${label}`) ^ 0x9e3779b9) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [min, max], both inclusive. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
    fork: (sub) => createRng(seed, `${label}/${sub}`),
  };
  return rng;
}
