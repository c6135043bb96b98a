import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/cli/formats/diff';

/** Applies a diff with git itself, the way a user would (`git apply` outside a repository acts like patch -p1). */
function gitApply(before: string, diff: string): string {
  const d = mkdtempSync(path.join(tmpdir(), 'fc-diff-'));
  writeFileSync(path.join(d, 'f.ts'), before);
  writeFileSync(path.join(d, 'p.diff'), diff);
  execFileSync('git', ['apply', '--whitespace=nowarn', 'p.diff'], { cwd: d });
  return readFileSync(path.join(d, 'f.ts'), 'utf8');
}

describe('unifiedDiff', () => {
  it('prints a/ b/ headers and one hunk with three lines of context', () => {
    const before = ['1', '2', '3', '4', "fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts')", '6', '7', '8', '9', ''].join('\n');
    const after = before.replace("'https://api2.frontapp.com/teams/' + teamId + '/contacts'", "'https://api2.frontapp.com/contacts'");
    expect(unifiedDiff('src/api.ts', before, after)).toBe(
      [
        '--- a/src/api.ts',
        '+++ b/src/api.ts',
        '@@ -2,7 +2,7 @@',
        ' 2',
        ' 3',
        ' 4',
        "-fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts')",
        "+fetch('https://api2.frontapp.com/contacts')",
        ' 6',
        ' 7',
        ' 8',
        '',
      ].join('\n'),
    );
  });

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.ts', 'x\n', 'x\n')).toBe('');
  });

  it('splits distant changes into hunks and merges close ones', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    const after = [...lines];
    after[2] = 'changed 3';
    after[6] = 'changed 7'; // within 6 lines of the first: same hunk
    after[25] = 'changed 26';
    const diff = unifiedDiff('a.ts', lines.join('\n') + '\n', after.join('\n') + '\n');
    expect(diff.match(/^@@ .* @@$/gm)).toEqual(['@@ -1,10 +1,10 @@', '@@ -23,7 +23,7 @@']);
  });

  it('marks a missing final newline and keeps CRLF line ends', () => {
    const diff = unifiedDiff('f.ts', 'a\r\nb', 'a\r\nc');
    expect(diff).toBe('--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
    expect(gitApply('a\r\nb', diff)).toBe('a\r\nc');
  });

  it('produces diffs that git apply turns into the new text', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'fetch(url)', '', '  x', 'y\r');
    const text = fc.array(line, { maxLength: 14 }).map((ls) => ls.join('\n') + (ls.length ? '\n' : ''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('f.ts', before, after);
        if (before === after) return diff === '';
        return gitApply(before, diff) === after;
      }),
      { numRuns: 40 },
    );
  });
});
