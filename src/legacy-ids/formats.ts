// How the migrated contacts of a page become text in each output: the id map as CSV, a JSON array or JSON
// lines, and the SQL statements. A writer is pure text: where it goes and when it is committed is
// output-files.ts's business, so a resumed run can continue a file from any committed entry count.

import type { OutFormat } from './options';
import type { SqlTemplate } from './sql';

/** Text for one output: a header, the entries of each migrated contact, a trailer. */
export interface EntryWriter {
  header: string;
  trailer: string;
  /** Text for one migrated contact; `count` is the number of entries already written (for separators). */
  entries(contactId: string, legacyIds: readonly string[], count: number): { text: string; count: number };
}

/** A CSV field, quoted only when it has to be (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function mapRow(kind: OutFormat, legacyId: string, contactId: string, index: number): string {
  switch (kind) {
    case 'csv':
      return `${csvField(legacyId)},${csvField(contactId)}\n`;
    case 'jsonl':
      return JSON.stringify({ legacy_id: legacyId, contact_id: contactId }) + '\n';
    case 'json':
      // The array's comma goes before every entry but the first, so a trailer can close it at any point.
      return (index > 0 ? ',' : '') + '\n  ' + JSON.stringify({ legacy_id: legacyId, contact_id: contactId });
  }
}

/** The legacy id map: one `legacy_id,contact_id` entry per legacy id. */
export function mapWriter(kind: OutFormat): EntryWriter {
  return {
    header: kind === 'csv' ? 'legacy_id,contact_id\n' : kind === 'json' ? '[' : '',
    trailer: kind === 'json' ? '\n]\n' : '',
    entries(contactId, legacyIds, count) {
      let text = '';
      for (const legacyId of legacyIds) text += mapRow(kind, legacyId, contactId, count++);
      return { text, count };
    },
  };
}

/** One statement a line per migrated contact. */
export function sqlWriter(template: SqlTemplate): EntryWriter {
  return {
    header: '',
    trailer: '',
    entries(contactId, legacyIds, count) {
      return { text: template.render(contactId, legacyIds) + '\n', count: count + 1 };
    },
  };
}
