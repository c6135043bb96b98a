// The request search passes by the language's own calls (src/core/standard-calls.ts) without evaluating them. What a
// user notices: requests next to those calls are still found, and a function of the application that happens to be
// named like a global (`encodeURI`, a local `JSON` object) is still followed.
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/core';
import { ts } from '../src/core/ts';
import { isStandardCall } from '../src/core/standard-calls';

const lines = (r: ReturnType<typeof analyze>) => r.findings.map((f) => `${f.range.start.line} ${f.ruleId}`);

/** Every call of `code` with whether it is the language's own; `declared` names what the file declares. */
function verdicts(code: string, declared: string[] = []): Record<string, boolean> {
  const sf = ts.createSourceFile('/p/a.ts', code, ts.ScriptTarget.Latest, true);
  const out: Record<string, boolean> = {};
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) out[n.getText(sf)] = isStandardCall(n, { lookup: (name) => (declared.includes(name) ? name : undefined) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('standard calls', () => {
  it('are the language\'s functions, objects and methods, and never an HTTP verb', () => {
    expect(verdicts('encodeURIComponent(id); JSON.stringify(b); Object.entries(q); s.trim(); rows.map(f); res.json(); d.getTime()'))
      .toEqual({ 'encodeURIComponent(id)': true, 'JSON.stringify(b)': true, 'Object.entries(q)': true, 's.trim()': true, 'rows.map(f)': true, 'res.json()': true, 'd.getTime()': true });
    expect(verdicts('client.get(u); api.find(id); contacts.search(q); http.request(o); fetch(u); m.set(k, v); m.delete(k); sdk.list()'))
      .toEqual({ 'client.get(u)': false, 'api.find(id)': false, 'contacts.search(q)': false, 'http.request(o)': false, 'fetch(u)': false, 'm.set(k, v)': false, 'm.delete(k)': false, 'sdk.list()': false });
  });

  it('are globals only while nothing in scope declares the name', () => {
    expect(verdicts('encodeURI(p); JSON.get(p)', ['encodeURI', 'JSON'])).toEqual({ 'encodeURI(p)': false, 'JSON.get(p)': false });
  });

  it('do not hide the requests around them', () => {
    const text = [
      "const FRONT = 'https://api.frontapp.com';",
      'export async function load(id: string, q: Record<string, string>) {',
      '  const query = Object.entries(q).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");',
      '  const res = await fetch(`${FRONT}/contacts/${encodeURIComponent(id.trim())}?${query}`, { redirect: "manual" }).then((r) => r);',
      '  return res.json();',
      '}',
    ].join('\n');
    expect(lines(analyze('/p/a.ts', text))).toEqual(['4 contact-redirect-disabled']);
  });

  it('still follow a wrapper of the application named like a global', () => {
    const text = [
      "const FRONT = 'https://api.frontapp.com';",
      'function encodeURI(path: string) { return fetch(FRONT + path, { method: "POST" }); }',
      'const JSON = { send: (path: string) => fetch(FRONT + path, { method: "POST" }) };',
      'export const a = (id: string) => encodeURI(`/contacts/${id}/notes`);',
      'export const b = (id: string) => JSON.send(`/contacts/${id}/notes`);',
    ].join('\n');
    expect(lines(analyze('/p/a.ts', text))).toEqual(['4 contact-redirect-method-change', '5 contact-redirect-method-change']);
  });
});
