// Which base function (or class) is the same one as a head function: by its path of enclosing
// declarations (FunctionFact.key), told apart from same-path siblings first by where its unchanged
// first line was at base, then by being the only one, and only as a last resort by order.
// No match means "new": a base figure from another function is never reported.

export interface Matchable {
  name: string;
  line: number;
  key?: string;
}

const keyOf = (f: Matchable): string => f.key ?? f.name;

function groupByKey<T extends Matchable>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

/** For each head item (same order), its base counterpart or null. */
export function matchToBase<T extends Matchable>(head: T[], base: T[], toBaseLine: (headLine: number) => number | null): (T | null)[] {
  const matched = new Map<T, T>();
  const used = new Set<T>();
  const pair = (h: T, b: T): void => {
    matched.set(h, b);
    used.add(b);
  };
  const baseGroups = groupByKey(base);

  // 1. The head function starts on an unchanged line, and the same-path base function started there.
  for (const h of head) {
    const baseLine = toBaseLine(h.line);
    if (baseLine === null) continue;
    const b = baseGroups.get(keyOf(h))?.find((c) => c.line === baseLine && !used.has(c));
    if (b) pair(h, b);
  }

  // 2. One left on each side with this path; 3. as many on each side: pair them in order.
  for (const [key, heads] of groupByKey(head.filter((h) => !matched.has(h)))) {
    const left = (baseGroups.get(key) ?? []).filter((b) => !used.has(b));
    if (left.length === heads.length) heads.forEach((h, i) => pair(h, left[i]!));
  }
  return head.map((h) => matched.get(h) ?? null);
}
