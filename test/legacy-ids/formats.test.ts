// The text each output gets: the id map as CSV, a JSON array, JSON lines, and SQL statements; a file cut at
// any entry (where a checkpoint commits) and closed with the trailer is still valid.

import { describe, expect, it } from 'vitest';
import { csvField, mapWriter, sqlWriter } from '../../src/legacy-ids/formats';
import { compileSqlTemplate } from '../../src/legacy-ids/sql';

/** Writes contacts page by page the way a run does, carrying the entry count across pages. */
function write(kind: 'csv' | 'json' | 'jsonl', pages: Array<Array<[string, string[]]>>): string {
  const w = mapWriter(kind);
  let text = w.header;
  let count = 0;
  for (const page of pages) {
    for (const [id, legacy] of page) {
      const r = w.entries(id, legacy, count);
      text += r.text;
      count = r.count;
    }
  }
  return text + w.trailer;
}

const PAGES: Array<Array<[string, string[]]>> = [[['crd_a', ['crd_1', 'crd_2']]], [], [['crd_b', ['crd_3']]]];
const ROWS = [
  { legacy_id: 'crd_1', contact_id: 'crd_a' },
  { legacy_id: 'crd_2', contact_id: 'crd_a' },
  { legacy_id: 'crd_3', contact_id: 'crd_b' },
];

describe('output formats', () => {
  it('csv: a header and one legacy_id,contact_id row per legacy id; fields quoted only when needed', () => {
    expect(write('csv', PAGES)).toBe('legacy_id,contact_id\ncrd_1,crd_a\ncrd_2,crd_a\ncrd_3,crd_b\n');
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('json: one array, commas right across pages; empty is []', () => {
    expect(JSON.parse(write('json', PAGES))).toEqual(ROWS);
    expect(JSON.parse(write('json', [[], []]))).toEqual([]);
  });

  it('jsonl: one object a line, nothing else', () => {
    const lines = write('jsonl', PAGES).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(ROWS);
    expect(write('jsonl', [])).toBe('');
  });

  it('sql: one statement a line per migrated contact, counting contacts', () => {
    const w = sqlWriter(compileSqlTemplate('DELETE FROM m WHERE new = :newId AND old IN (:legacyIds)'));
    const r = w.entries('crd_a', ['crd_1', 'crd_2'], 4);
    expect(r).toEqual({ text: "DELETE FROM m WHERE new = 'crd_a' AND old IN ('crd_1', 'crd_2');\n", count: 5 });
    expect(w.header + w.trailer).toBe('');
  });
});
