/**
 * Inline suppressions (`// front-contacts-ignore-next-line [rule-id …]`), unused-directive reports
 * and per-rule severity overrides, at the engine level: these are what the CLI, the extension and the
 * codemods all get from analyze()/fixText().
 */
import { describe, expect, it } from 'vitest';
import { analyze, fixText, type AnalyzeOptions } from '../src/core';

const TEAM = "fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');";
// One line, two findings: axios follows the 301 as a GET, and front_chat handles are read-only.
const AXIOS = "import axios from 'axios';\nconst front = axios.create({ baseURL: 'https://api2.frontapp.com' });\n";
const HANDLE = "front.post(`/contacts/${id}/handles`, { handle: chatUserId, source: 'front_chat' });";

function findings(text: string, options: AnalyzeOptions = {}, file = '/project/src/api.ts') {
  const r = analyze(file, text, options);
  return { list: r.findings.map((f) => `${f.range.start.line} ${f.ruleId} ${f.severity}`), problems: r.problems, findings: r.findings };
}

describe('front-contacts-ignore-next-line', () => {
  it('the samples report what the tests below suppress', () => {
    expect(findings(`${TEAM}\n`).list).toEqual(['1 team-contacts-endpoint error']);
    expect(findings(`${AXIOS}${HANDLE}\n`).list).toEqual(['3 contact-redirect-method-change warning', '3 front-chat-handle-readonly error']);
  });

  it('without rule ids suppresses every finding that starts on the next line', () => {
    const r = findings(`${AXIOS}// front-contacts-ignore-next-line\n${HANDLE}\n${HANDLE}\n`);
    expect(r.list).toEqual(['5 contact-redirect-method-change warning', '5 front-chat-handle-readonly error']);
    expect(r.problems).toEqual([]);
  });

  it('with a rule id suppresses only that rule', () => {
    const r = findings(`${AXIOS}// front-contacts-ignore-next-line front-chat-handle-readonly\n${HANDLE}\n`);
    expect(r.list).toEqual(['4 contact-redirect-method-change warning']);
  });

  it('takes several rule ids, separated by spaces or commas', () => {
    for (const ids of ['front-chat-handle-readonly contact-redirect-method-change', 'contact-redirect-method-change, front-chat-handle-readonly'])
      expect(findings(`${AXIOS}// front-contacts-ignore-next-line ${ids}\n${HANDLE}\n`).list, ids).toEqual([]);
  });

  it('works as a block comment, and as a JSX comment in TSX', () => {
    expect(findings(`/* front-contacts-ignore-next-line team-contacts-endpoint */\n${TEAM}\n`).list).toEqual([]);
    const tsx = `export const Panel = ({ teamId }: { teamId: string }) => (\n  <div>\n    {/* front-contacts-ignore-next-line */}\n    <code>{'https://api2.frontapp.com/teams/' + teamId + '/contacts'}</code>\n  </div>\n);\n`;
    expect(findings(tsx, {}, '/project/src/Panel.tsx').list).toEqual([]);
    expect(findings(tsx.replace('{/* front-contacts-ignore-next-line */}', '{/* nothing */}'), {}, '/project/src/Panel.tsx').list).toEqual(['4 team-contacts-endpoint error']);
  });

  it('applies to the next line only: not to its own line, not two lines down', () => {
    expect(findings(`${TEAM} // front-contacts-ignore-next-line\n`).list).toEqual(['1 team-contacts-endpoint error']);
    expect(findings(`// front-contacts-ignore-next-line\n\n${TEAM}\n`).list).toEqual(['3 team-contacts-endpoint error']);
    // a trailing directive covers the line after it
    expect(findings(`const teamId = 't'; // front-contacts-ignore-next-line\n${TEAM}\n`).list).toEqual([]);
  });

  it('suppresses a finding spanning several lines by the line it starts on', () => {
    const multi = "fetch(\n  'https://api2.frontapp.com/teams/' +\n    teamId +\n    '/contacts',\n);\n";
    expect(findings(multi).list).toEqual(['2 team-contacts-endpoint error']);
    expect(findings(`fetch(\n  // front-contacts-ignore-next-line\n${multi.split('\n').slice(1).join('\n')}`).list).toEqual([]);
  });

  it('is not a directive inside a string', () => {
    const text = `const note = '// front-contacts-ignore-next-line';\n${TEAM}\n`;
    const r = findings(text, { reportUnusedIgnores: true });
    expect(r.list).toEqual(['2 team-contacts-endpoint error']);
    expect(r.problems).toEqual([]);
  });

  it('keeps fixText from fixing what it suppresses', () => {
    const text = `// front-contacts-ignore-next-line team-contacts-endpoint\n${TEAM}\n${TEAM}\n`;
    const r = fixText('/project/src/api.ts', text);
    expect(r.applied.length).toBe(1);
    const [first, second] = r.output.split('\n').slice(1, 3);
    expect(first).toBe(TEAM);
    expect(second).not.toContain('/teams/');
  });

  it('reports an unknown rule id where it is written, and suppresses nothing with it', () => {
    const r = findings(`// front-contacts-ignore-next-line team-contact-endpoint\n${TEAM}\n`);
    expect(r.list).toEqual(['2 team-contacts-endpoint error']);
    expect(r.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('unknown rule id in front-contacts-ignore-next-line: team-contact-endpoint'), range: expect.objectContaining({ start: { line: 1, column: 1 } }) }),
    ]);
  });

  // ESLint's convention: everything after ` -- ` explains the directive and is not a rule id.
  it('ignores a `-- reason` after the rule ids', () => {
    const r = findings(`// front-contacts-ignore-next-line team-contacts-endpoint -- the proxy still serves the team route\n${TEAM}\n`, { reportUnusedIgnores: true });
    expect(r.list).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(findings(`// front-contacts-ignore-next-line -- vendored copy, fixed upstream\n${TEAM}\n`).list).toEqual([]);
  });

  // The text of a template literal after a `${}` and JSX text are not comments.
  it('does not read directives out of template literals or JSX text', () => {
    const template = "const snippet = `${prefix} // front-contacts-ignore-next-line`;\n" + TEAM + '\n';
    const r1 = findings(template, { reportUnusedIgnores: true });
    expect(r1.list).toEqual(['2 team-contacts-endpoint error']);
    expect(r1.problems).toEqual([]);
    const jsx = "export const Help = () => <p>// front-contacts-ignore-next-line</p>;\n" + TEAM + '\n';
    const r2 = findings(jsx, { reportUnusedIgnores: true }, '/project/src/Help.tsx');
    expect(r2.list).toEqual(['2 team-contacts-endpoint error']);
    expect(r2.problems).toEqual([]);
  });
});

describe('reportUnusedIgnores', () => {
  const unused = (r: ReturnType<typeof findings>) => r.problems.filter((p) => /unused front-contacts-ignore-next-line/.test(p.message));

  it('reports a directive that suppressed nothing, at the directive, only when asked', () => {
    const text = `const a = 1;\n  // front-contacts-ignore-next-line\nconst b = 2;\n`;
    expect(findings(text).problems).toEqual([]);
    const r = findings(text, { reportUnusedIgnores: true });
    expect(unused(r)).toEqual([expect.objectContaining({ file: '/project/src/api.ts', range: { start: { line: 2, column: 3 }, end: { line: 2, column: 37 } } })]);
  });

  it('does not report a directive that suppressed something', () => {
    expect(findings(`// front-contacts-ignore-next-line\n${TEAM}\n`, { reportUnusedIgnores: true }).problems).toEqual([]);
  });

  it('reports a directive naming another rule than the one on the next line (and keeps that finding)', () => {
    const r = findings(`// front-contacts-ignore-next-line chat-identify-phone\n${TEAM}\n`, { reportUnusedIgnores: true });
    expect(r.list).toEqual(['2 team-contacts-endpoint error']);
    expect(unused(r).map((p) => p.range?.start.line)).toEqual([1]);
  });

  it('reports a directive once the code below it is fixed', () => {
    const text = `// front-contacts-ignore-next-line team-contacts-endpoint\n${TEAM}\n`;
    const fixed = text.replace("/teams/' + teamId + '/contacts'", "/contacts'");
    expect(unused(findings(fixed, { reportUnusedIgnores: true })).length).toBe(1);
  });
});

describe('per-rule severity overrides', () => {
  it('turns an error into a warning and a warning into an error', () => {
    const text = `${AXIOS}${HANDLE}\n`;
    expect(findings(text, { rules: { 'front-chat-handle-readonly': 'warning', 'contact-redirect-method-change': 'error' } }).list).toEqual([
      '3 contact-redirect-method-change error',
      '3 front-chat-handle-readonly warning',
    ]);
  });

  it('off: no finding, and fixText changes nothing for that rule', () => {
    const text = `${AXIOS}${HANDLE}\n${TEAM}\n`;
    const r = findings(text, { rules: { 'team-contacts-endpoint': 'off', 'front-chat-handle-readonly': 'off' } });
    expect(r.list).toEqual(['3 contact-redirect-method-change warning']);
    const fixed = fixText('/project/src/api.ts', text, { rules: { 'team-contacts-endpoint': 'off' } });
    expect(fixed.output).toBe(text);
    expect(fixed.remaining.map((f) => f.ruleId)).not.toContain('team-contacts-endpoint');
  });

  it('a rule left out keeps its default severity', () => {
    expect(findings(`${TEAM}\n`, { rules: { 'chat-identify-phone': 'warning' } }).list).toEqual(['1 team-contacts-endpoint error']);
  });

  it('a directive still suppresses a rule whose severity was changed', () => {
    expect(findings(`// front-contacts-ignore-next-line team-contacts-endpoint\n${TEAM}\n`, { rules: { 'team-contacts-endpoint': 'warning' } }).list).toEqual([]);
  });
});
