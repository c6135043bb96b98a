import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import { lineStarts, toRange } from '../../src/core/positions';
import { docsUrlFor } from '../../src/core/rules/registry';
import { codeFrame, formatText } from '../../src/cli/formats/text';
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/formats/github';
import { countFindings, type CheckReport, type FileReport } from '../../src/cli/report';

function rangeOf(text: string, needle: string) {
  const start = text.indexOf(needle);
  return toRange(lineStarts(text), start, start + needle.length);
}

describe('codeFrame', () => {
  it('shows a line of context on each side and carets under the range', () => {
    const text = 'const a = 1;\nfetch(url);\nconst b = 2;\nconst c = 3;\n';
    expect(codeFrame(text, rangeOf(text, 'url'))).toBe(['  1 | const a = 1;', '> 2 | fetch(url);', '    |       ^^^', '  3 | const b = 2;'].join('\n'));
  });

  it('does not show the empty line after a final newline, and handles CRLF', () => {
    const text = 'a\r\nfetch(url);\r\n';
    expect(codeFrame(text, rangeOf(text, 'fetch'))).toBe(['  1 | a', '> 2 | fetch(url);', '    | ^^^^^'].join('\n'));
  });

  it('marks the first three lines of a long range', () => {
    const text = 'x(\n  1,\n  2,\n  3,\n  4);\n';
    const frame = codeFrame(text, rangeOf(text, text.slice(0, -2)));
    expect(frame.split('\n')).toEqual(['> 1 | x(', '    | ^^', '> 2 |   1,', '    |   ^^', '> 3 |   2,', '    |   ^^', '  4 |   3,', '    | …']);
  });

  it('shows a window of a minified line around the finding', () => {
    const text = 'var a=' + '1+'.repeat(500) + 'fetch(u)' + ';1'.repeat(500);
    const frame = codeFrame(text, rangeOf(text, 'fetch(u)'));
    const [line, marker] = frame.split('\n');
    expect(line.length).toBeLessThan(180);
    expect(line).toContain('fetch(u)');
    expect(marker.indexOf('^')).toBe(line.indexOf('fetch(u)'));
    expect(marker.slice(marker.indexOf('^'))).toBe('^^^^^^^^');
  });
});

describe('github format', () => {
  it('escapes % CR LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% broken\r\nnext: a, b')).toBe('100%25 broken%0D%0Anext: a, b');
    expect(escapeProperty('dir,with:odd%name\n')).toBe('dir%2Cwith%3Aodd%25name%0A');
  });

  it('prints one line per finding with the range and the rule as title', () => {
    const text = 'fetch(url);\n';
    const f: Finding = { ruleId: 'contact-redirect-method-change', severity: 'warning', message: 'POST becomes GET: 50% of\nwrites', file: '/p/a,b.ts', start: 6, end: 9, range: rangeOf(text, 'url'), docsUrl: docsUrlFor('contact-redirect-method-change') };
    const files: FileReport[] = [{ file: '/p/a,b.ts', findings: [f], problems: [] }];
    const report: CheckReport = { cwd: '/p', files, textOf: () => text, ...countFindings(files), fileCount: 1 };
    expect(formatGithub(report)).toBe('::warning file=a%2Cb.ts,line=1,col=7,endLine=1,endColumn=10,title=contact-redirect-method-change::POST becomes GET: 50%25 of%0Awrites\n');
  });
});

describe('text format', () => {
  it('lists related locations, suggestions and the docs link under the frame', () => {
    const text = "fetch(BASE + TEAM + '/contacts');\n";
    const f: Finding = {
      ruleId: 'team-contacts-endpoint',
      severity: 'error',
      message: 'Deprecated endpoint.',
      file: '/p/src/a.ts',
      start: 6,
      end: 31,
      range: rangeOf(text, "BASE + TEAM + '/contacts'"),
      related: [{ file: '/p/src/consts.ts', start: 0, end: 5, range: { start: { line: 3, column: 14 }, end: { line: 3, column: 20 } }, message: 'the /teams/<id> part' }],
      suggestions: [{ title: 'Use /contacts', edits: [] }],
      docsUrl: docsUrlFor('team-contacts-endpoint'),
    };
    const files: FileReport[] = [{ file: '/p/src/a.ts', findings: [f], problems: [] }];
    const out = formatText({ cwd: '/p', files, textOf: () => text, ...countFindings(files), fileCount: 4 }, { color: false });
    expect(out).toBe(
      [
        'src/a.ts:1:7 error Deprecated endpoint. team-contacts-endpoint',
        "> 1 | fetch(BASE + TEAM + '/contacts');",
        '    |       ^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  related src/consts.ts:3:14 the /teams/<id> part',
        '  suggestion Use /contacts (front-contacts fix --suggestions)',
        `  docs: ${docsUrlFor('team-contacts-endpoint')}`,
        '',
        '✖ 1 finding (1 error, 0 warnings) in 4 files checked',
        '',
      ].join('\n'),
    );
  });
});
