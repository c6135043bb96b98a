// The SQL template of `legacy-ids --sql`: which `:name`s are placeholders, how values are quoted, how the
// statement is terminated.

import { describe, expect, it } from 'vitest';
import { LegacyIdsRunError, LegacyIdsUsageError } from '../../src/legacy-ids';
import { compileSqlTemplate, sqlLiteral } from '../../src/legacy-ids/sql';

describe('SQL template', () => {
  it('fills only real placeholders in the SQL template', () => {
    const t = compileSqlTemplate(
      "UPDATE t SET id = :newId::text, note = ':newId stays' /* :legacyIds */ WHERE id IN (:legacyIds) -- :x\n;",
    );
    expect(t.render('crd_n', ['crd_1', 'crd_2'])).toBe(
      "UPDATE t SET id = 'crd_n'::text, note = ':newId stays' /* :legacyIds */ WHERE id IN ('crd_1', 'crd_2') -- :x\n;",
    );
    expect(() => compileSqlTemplate('UPDATE t SET id = :newId WHERE id IN (:oldIds)')).toThrow(/unknown placeholder :oldIds/);
    expect(() => compileSqlTemplate('UPDATE t SET id = :newId')).toThrow(/must use :legacyIds/);
    expect(() => t.render('crd_\\', ['crd_1'])).toThrow(/backslash/);
  });

  it('terminates each statement once: adds ";" when missing, on its own line after a trailing -- comment', () => {
    const ids = ['crd_1'];
    expect(compileSqlTemplate('UPDATE t SET a = :newId WHERE a IN (:legacyIds)  ').render('crd_n', ids)).toBe("UPDATE t SET a = 'crd_n' WHERE a IN ('crd_1');");
    expect(compileSqlTemplate('UPDATE t SET a = :newId WHERE a IN (:legacyIds);\n').render('crd_n', ids)).toBe("UPDATE t SET a = 'crd_n' WHERE a IN ('crd_1');");
    expect(compileSqlTemplate('UPDATE t SET a = :newId WHERE a IN (:legacyIds) -- migrated').render('crd_n', ids)).toBe(
      "UPDATE t SET a = 'crd_n' WHERE a IN ('crd_1') -- migrated\n;",
    );
  });

  it('leaves quoted identifiers alone and refuses an unterminated quote or comment as a usage error', () => {
    const t = compileSqlTemplate('UPDATE "t:newId" SET `c:legacyIds` = :newId WHERE c IN (:legacyIds)');
    expect(t.render('crd_n', ['crd_1'])).toBe("UPDATE \"t:newId\" SET `c:legacyIds` = 'crd_n' WHERE c IN ('crd_1');");
    for (const bad of ["UPDATE t SET a = ':newId WHERE a IN (:legacyIds)", 'UPDATE t SET a = :newId /* WHERE a IN (:legacyIds)']) {
      expect(() => compileSqlTemplate(bad)).toThrow(LegacyIdsUsageError);
      expect(() => compileSqlTemplate(bad)).toThrow(/unterminated/);
    }
  });

  it('quotes values as standard string literals and refuses text a dialect could read differently', () => {
    expect(sqlLiteral("crd_o'c")).toBe("'crd_o''c'");
    expect(sqlLiteral("x'); DROP TABLE t; --")).toBe("'x''); DROP TABLE t; --'");
    for (const bad of ['a\\b', 'a\nb', 'a\u0000b', 'a\u007fb']) expect(() => sqlLiteral(bad)).toThrow(LegacyIdsRunError);
  });
});
