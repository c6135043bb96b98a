// `--sql TEMPLATE`: one SQL statement per migrated contact, from a template with `:newId` and `:legacyIds`.
// Values go in as standard SQL string literals; text that a dialect could read differently is refused.

import { LegacyIdsRunError, LegacyIdsUsageError } from './errors';

export interface SqlTemplate {
  render(newId: string, legacyIds: readonly string[]): string;
}

/** A standard SQL string literal. Refuses text that some dialects would read differently (backslash, control chars). */
export function sqlLiteral(value: string): string {
  if (/[\\\u0000-\u001f\u007f]/.test(value)) {
    throw new LegacyIdsRunError(`refusing to put ${JSON.stringify(value)} into SQL: it contains a backslash or a control character`);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

const SQL_PLACEHOLDERS = ['newId', 'legacyIds'] as const;
type SqlPlaceholder = (typeof SQL_PLACEHOLDERS)[number];

/**
 * Splits a template into literal SQL and `:newId` / `:legacyIds` placeholders. Quoted strings,
 * quoted identifiers, comments and `::` casts are left alone, so only real placeholders are filled.
 */
export function compileSqlTemplate(template: string): SqlTemplate {
  const parts: Array<string | SqlPlaceholder> = [];
  let literal = '';
  let i = 0;
  let endsInLineComment = false;
  const skipQuoted = (quote: string) => {
    const start = i;
    i++;
    while (i < template.length) {
      if (template[i] === quote) {
        if (template[i + 1] === quote) {
          i += 2;
          continue;
        }
        i++;
        literal += template.slice(start, i);
        return;
      }
      i++;
    }
    throw new LegacyIdsUsageError(`--sql: unterminated ${quote} quote in the template`);
  };
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      skipQuoted(ch);
    } else if (ch === '-' && template[i + 1] === '-') {
      const end = template.indexOf('\n', i);
      const stop = end === -1 ? template.length : end;
      endsInLineComment = end === -1;
      literal += template.slice(i, stop);
      i = stop;
    } else if (ch === '/' && template[i + 1] === '*') {
      const end = template.indexOf('*/', i + 2);
      if (end === -1) throw new LegacyIdsUsageError('--sql: unterminated /* comment in the template');
      literal += template.slice(i, end + 2);
      i = end + 2;
    } else if (ch === ':' && template[i + 1] === ':') {
      literal += '::';
      i += 2;
    } else if (ch === ':' && /[A-Za-z_]/.test(template[i + 1] ?? '')) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(template.slice(i + 1))!;
      const name = m[0];
      if (!(SQL_PLACEHOLDERS as readonly string[]).includes(name)) {
        throw new LegacyIdsUsageError(`--sql: unknown placeholder :${name} (use :newId and :legacyIds)`);
      }
      parts.push(literal, name as SqlPlaceholder);
      literal = '';
      i += 1 + name.length;
    } else {
      literal += ch;
      i++;
    }
  }
  parts.push(literal);
  for (const p of SQL_PLACEHOLDERS) {
    if (!parts.includes(p)) throw new LegacyIdsUsageError(`--sql: the template must use :${p}`);
  }
  const last = parts.length - 1;
  parts[last] = (parts[last] as string).replace(/\s+$/, '');
  const terminated = (parts[last] as string).endsWith(';');
  // A template ending in a `--` comment needs the terminator on its own line.
  const terminator = terminated ? '' : endsInLineComment ? '\n;' : ';';
  return {
    render(newId, legacyIds) {
      let text = '';
      parts.forEach((part, index) => {
        if (index % 2 === 0) text += part;
        else text += part === 'newId' ? sqlLiteral(newId) : legacyIds.map(sqlLiteral).join(', ');
      });
      return text + terminator;
    },
  };
}
