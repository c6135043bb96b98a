/**
 * "Ignore <rule> for this line / for this file": the edits the editor's actions apply (core/ignore-edits.ts),
 * and the `front-contacts-ignore-file` directive they insert, honoured by analyze() and so by the CLI.
 */
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, type Finding } from '../src/core';
import { ignoreActions } from '../src/core/ignore-edits';
import { parse, parseErrors } from '../src/core/ts';

const TEAM = "fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');";
const AXIOS = "import axios from 'axios';\nconst front = axios.create({ baseURL: 'https://api2.frontapp.com' });\n";
const HANDLE = "front.post(`/contacts/${id}/handles`, { handle: chatUserId, source: 'front_chat' });";

/** Applies one ignore action of the file's first finding of `rule`, and analyses the result. */
function ignore(file: string, text: string, rule: string, which: 'line' | 'file') {
  const before = analyze(file, text).findings;
  const f = before.find((x) => x.ruleId === rule);
  if (!f) throw new Error(`no ${rule} finding in:\n${text}`);
  const actions = ignoreActions(file, text, [f])[0];
  const action = actions[which];
  if (!action) return { action: undefined, output: text, before, after: { findings: before, problems: [] as unknown[] } };
  const output = applyEdits(text, action.edits);
  expect(parseErrors(parse(file, output)).map((d) => d.messageText), output).toEqual([]);
  return { action, output, before, after: analyze(file, output, { reportUnusedIgnores: true }) };
}

const keys = (fs: Finding[]) => fs.map((f) => `${f.range.start.line} ${f.ruleId}`);

describe('Ignore <rule> for this line', () => {
  it('inserts the directive above the line, with its indentation, and the finding is gone', () => {
    const text = `export async function list(teamId: string) {\n    await ${TEAM}\n}\n`;
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'line');
    expect(r.action!.title).toBe('Ignore `team-contacts-endpoint` for this line');
    expect(r.output).toBe(`export async function list(teamId: string) {\n    // front-contacts-ignore-next-line team-contacts-endpoint\n    await ${TEAM}\n}\n`);
    expect(keys(r.after.findings)).toEqual([]);
    expect(r.after.problems).toEqual([]);
  });

  it('ignores only that rule: another finding on the same line stays', () => {
    const r = ignore('/p/src/a.ts', `${AXIOS}${HANDLE}\n`, 'front-chat-handle-readonly', 'line');
    expect(keys(r.after.findings)).toEqual(['4 contact-redirect-method-change']);
  });

  it('adds the rule to a directive already on the line above', () => {
    const text = `${AXIOS}// front-contacts-ignore-next-line front-chat-handle-readonly -- reviewed\n${HANDLE}\n`;
    const r = ignore('/p/src/a.ts', text, 'contact-redirect-method-change', 'line');
    expect(r.output.split('\n')[2]).toBe('// front-contacts-ignore-next-line front-chat-handle-readonly contact-redirect-method-change -- reviewed');
    expect(keys(r.after.findings)).toEqual([]);
  });

  it('uses the JSX comment form among JSX children, and the line comment elsewhere in a TSX file', () => {
    const tsx =
      'export const Panel = ({ teamId }: { teamId: string }) => (\n' +
      '  <div>\n' +
      "    <a href={'https://api2.frontapp.com/teams/' + teamId + '/contacts'}>x</a>\n" +
      "    {fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts') && null}\n" +
      '  </div>\n' +
      ');\n' +
      "const u = (teamId: string) =>\n  'https://api2.frontapp.com/teams/' + teamId + '/contacts';\n";
    const file = '/p/src/Panel.tsx';
    const findings = analyze(file, tsx).findings;
    expect(keys(findings)).toEqual(['3 team-contacts-endpoint', '4 team-contacts-endpoint', '8 team-contacts-endpoint']);
    const [element, expression, code] = ignoreActions(file, tsx, findings);
    expect(element.line!.edits[0].newText).toBe('    {/* front-contacts-ignore-next-line team-contacts-endpoint */}\n');
    expect(expression.line!.edits[0].newText).toBe('    {/* front-contacts-ignore-next-line team-contacts-endpoint */}\n');
    expect(code.line!.edits[0].newText).toBe('  // front-contacts-ignore-next-line team-contacts-endpoint\n');
    for (const a of [element, expression, code]) {
      const out = applyEdits(tsx, a.line!.edits);
      expect(parseErrors(parse(file, out)), out).toEqual([]);
      expect(analyze(file, out).findings).toHaveLength(2);
    }
  });

  it('a line that starts inside a multi-line template gets no line action (a comment there would be text), only the file one', () => {
    const text = "const q = `a\n${fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts')}`;\n";
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'line');
    expect(r.action).toBeUndefined();
    const f = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'file');
    expect(keys(f.after.findings)).toEqual([]);
  });

  it('keeps CRLF line endings', () => {
    const text = `const a = 1;\r\n  ${TEAM}\r\n`;
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'line');
    expect(r.output).toBe(`const a = 1;\r\n  // front-contacts-ignore-next-line team-contacts-endpoint\r\n  ${TEAM}\r\n`);
    expect(r.after.findings).toEqual([]);
  });
});

describe('Ignore <rule> for this file (front-contacts-ignore-file)', () => {
  it('inserts a block comment at the top of a plain file; every finding of that rule in the file is gone', () => {
    const text = `import x from './x';\n${TEAM}\nfunction g() {\n  ${TEAM}\n}\n`;
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'file');
    expect(r.action!.title).toBe('Ignore `team-contacts-endpoint` for this file');
    expect(r.output).toBe(`/* front-contacts-ignore-file team-contacts-endpoint */\n${text}`);
    expect(r.before).toHaveLength(2);
    expect(r.after.findings).toEqual([]);
    expect(r.after.problems).toEqual([]);
  });

  it('goes after a shebang and a directive prologue', () => {
    const text = `#!/usr/bin/env node\n'use strict';\n// helpers\nconst https = require('https');\n${TEAM}\n`;
    const r = ignore('/p/src/a.js', text, 'team-contacts-endpoint', 'file');
    expect(r.output.split('\n').slice(0, 3)).toEqual(['#!/usr/bin/env node', "'use strict';", '/* front-contacts-ignore-file team-contacts-endpoint */']);
    expect(r.after.findings).toEqual([]);
  });

  it("goes after a header comment that stands apart, but before the first statement's own doc comment", () => {
    const text = `/**\n * Licence header.\n */\n\n/** Lists contacts. */\nexport const list = (teamId: string) => ${TEAM}\n`;
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'file');
    expect(r.output).toBe(`/**\n * Licence header.\n */\n/* front-contacts-ignore-file team-contacts-endpoint */\n\n/** Lists contacts. */\nexport const list = (teamId: string) => ${TEAM}\n`);
    expect(r.after.findings).toEqual([]);
  });

  it('adds the rule to a file directive already there; ignores only the rules it lists', () => {
    const text = `/* front-contacts-ignore-file front-chat-handle-readonly */\n${AXIOS}${HANDLE}\n${TEAM}\n`;
    expect(keys(analyze('/p/src/a.ts', text).findings)).toEqual(['4 contact-redirect-method-change', '5 team-contacts-endpoint']);
    const r = ignore('/p/src/a.ts', text, 'team-contacts-endpoint', 'file');
    expect(r.output.split('\n')[0]).toBe('/* front-contacts-ignore-file front-chat-handle-readonly team-contacts-endpoint */');
    expect(keys(r.after.findings)).toEqual(['4 contact-redirect-method-change']);
  });

  it('without rule ids ignores every rule; a `// ` form works too', () => {
    expect(analyze('/p/src/a.ts', `${AXIOS}${HANDLE}\n// front-contacts-ignore-file -- generated client\n${TEAM}\n`).findings).toEqual([]);
  });

  it('reports an unknown rule id, and an unused directive only with reportUnusedIgnores', () => {
    const unknown = analyze('/p/src/a.ts', `/* front-contacts-ignore-file team-contact-endpoint */\n${TEAM}\n`);
    expect(unknown.findings).toHaveLength(1);
    expect(unknown.problems.map((p) => p.message)).toEqual(['unknown rule id in front-contacts-ignore-file: team-contact-endpoint']);
    const unused = `/* front-contacts-ignore-file chat-identify-phone */\n${TEAM}\n`;
    expect(analyze('/p/src/a.ts', unused).problems).toEqual([]);
    const reported = analyze('/p/src/a.ts', unused, { reportUnusedIgnores: true }).problems;
    expect(reported.map((p) => [p.message, p.range?.start.line])).toEqual([['unused front-contacts-ignore-file directive (nothing to suppress in this file)', 1]]);
  });

  it('is not a directive inside a string', () => {
    expect(analyze('/p/src/a.ts', `const s = '/* front-contacts-ignore-file */';\n${TEAM}\n`).findings).toHaveLength(1);
  });
});
