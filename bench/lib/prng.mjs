// Seeded PRNG (mulberry32) and the small helpers the generator draws with, so that a given
// (seed, file count) always produces byte-identical repositories.

export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    /** Integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
    /** `table` is [[value, weight], …]. */
    weighted: (table) => {
      const total = table.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of table) if ((r -= w) < 0) return value;
      return table[table.length - 1][0];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    /** Lower-case alphanumeric id of `len` characters (like Front's `crd_…` suffixes). */
    id: (len = 8) => {
      let s = '';
      for (let i = 0; i < len; i++) s += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 36)];
      return s;
    },
  };
  return rng;
}
