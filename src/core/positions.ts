import type { Position, Range } from './types';

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

export function offsetToPosition(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
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
