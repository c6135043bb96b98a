import type { TextEdit } from './types';

/** Applies non-overlapping edits to text (edits for other files are ignored). Throws on overlap. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a)
    for (const y of b) {
      if (x.file !== y.file) continue;
      if (x.start < y.end && y.start < x.end) return true;
      // two insertions at the same point are ambiguous too
      if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
    }
  return false;
}
