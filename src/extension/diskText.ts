// Texts of files on disk for the extension host's own needs (positions of edits and related
// locations in files that are not open), cached by path and validated by mtime and size.
import * as fs from 'node:fs';

interface Entry {
  mtimeMs: number;
  size: number;
  text: string | undefined;
}

export class DiskText {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly maxBytes = 4 * 1024 * 1024) {}

  read(fileName: string): string | undefined {
    let st: fs.Stats;
    try {
      st = fs.statSync(fileName);
    } catch {
      this.entries.delete(fileName);
      return undefined;
    }
    if (!st.isFile() || st.size > this.maxBytes) return undefined;
    const hit = this.entries.get(fileName);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
    let text: string | undefined;
    try {
      text = fs.readFileSync(fileName, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      text = undefined;
    }
    this.entries.set(fileName, { mtimeMs: st.mtimeMs, size: st.size, text });
    return text;
  }

  forget(fileName?: string): void {
    if (fileName === undefined) this.entries.clear();
    else this.entries.delete(fileName);
  }
}
