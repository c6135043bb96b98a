import type { Position, Range } from './types';
import type { Hunk } from './ts';

const lineStartCache = new WeakMap<object, number[]>();

/** Offsets where each line starts (\n, \r\n and lone \r end a line, like TypeScript and VS Code). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The 0-based index of the line holding `offset` (binary search over the line starts). */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function offsetToPosition(starts: readonly number[], offset: number): Position {
  const lo = lineIndexOf(starts, offset);
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

export function toRange(starts: readonly number[], start: number, end: number): Range {
  return { start: offsetToPosition(starts, start), end: offsetToPosition(starts, end) };
}

/** Line starts for a key object (a SourceFile), computed once. */
export function cachedLineStarts(key: object, text: string): number[] {
  let s = lineStartCache.get(key);
  if (!s) {
    s = lineStarts(text);
    lineStartCache.set(key, s);
  }
  return s;
}

/** The line starts of a key object if computed. */
export function knownLineStarts(key: object): number[] | undefined {
  return lineStartCache.get(key);
}

/**
 * Line starts of an edited text from those of the text before (O(lines) instead of O(characters)): only
 * positions inside a changed region are looked at again, the others move with the edit.
 */
export function lineStartsAfterEdit(old: readonly number[], text: string, hunks: readonly Hunk[]): number[] {
  // Sized once (the old count plus the changed text's length bounds it), trimmed at the end: no regrowth.
  let room = old.length + 1;
  for (const h of hunks) room += h.newEnd - h.newStart + 1;
  const out: number[] = new Array(room);
  out[0] = 0;
  let n = 1;
  let k = old[0] === 0 ? 1 : 0;
  let delta = 0;
  for (const h of hunks) {
    // a position is a line start by the characters before and at it: unchanged outside [oldStart, oldEnd]
    while (k < old.length && old[k] < h.oldStart) {
      const p = old[k++] + delta;
      if (p > out[n - 1]) out[n++] = p;
    }
    while (k < old.length && old[k] <= h.oldEnd) k++;
    for (let p = Math.max(h.newStart, 1); p <= h.newEnd && p <= text.length; p++) {
      const c = text.charCodeAt(p - 1);
      if ((c === 10 || (c === 13 && text.charCodeAt(p) !== 10)) && p > out[n - 1]) out[n++] = p;
    }
    delta = h.newEnd - h.oldEnd;
  }
  while (k < old.length) {
    const p = old[k++] + delta;
    if (p > out[n - 1]) out[n++] = p;
  }
  out.length = n;
  return out;
}

/** Sets the line starts of a key object (computed some other way, see lineStartsAfterEdit). */
export function setLineStarts(key: object, starts: number[]): void {
  lineStartCache.set(key, starts);
}
