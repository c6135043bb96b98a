// Request summaries (src/core/summaries.ts) and caller resolution (src/core/callers.ts): what a user notices is
// where a finding lands, that it follows edits in other files, and that pathological code cannot hang a run.
import { describe, expect, it } from 'vitest';
import { analyze, type SourceHost } from '../src/core';

/** An in-memory project: texts by absolute name, relative imports, and the reverse index. */
function memoryHost(files: Record<string, string>): SourceHost & { files: Record<string, string> } {
  const resolve = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = new URL(spec, `file://${from}`).pathname;
    return [base, `${base}.ts`, `${base}.js`].find((f) => f in files);
  };
  const host = {
    files,
    resolveImport: resolve,
    readFile: (f: string) => files[f],
    importers: (f: string) =>
      Object.keys(files).filter((g) => g !== f && [...files[g].matchAll(/from\s*'([^']+)'/g)].some((m) => resolve(g, m[1]) === f)),
  };
  return host;
}

const lines = (r: ReturnType<typeof analyze>) => r.findings.map((f) => `${f.range.start.line} ${f.ruleId}`);

describe('request summaries', () => {
  it('reports where route and method are decided, not at callers that only forward', () => {
    const text = [
      "const BASE = 'https://api2.frontapp.com';",
      'async function send(method: string, path: string) { return fetch(BASE + path, { method }); }',
      'const post = (path: string) => send("POST", path);',
      'export const addNote = (id: string) => post(`/contacts/${id}/notes`);',
      'export function run(action: string, id: string) { if (action === "note") return addNote(id); }',
    ].join('\n');
    expect(lines(analyze('/p/a.ts', text))).toEqual(['4 contact-redirect-method-change']);
  });

  it('finds the client a handler factory is given in another file, and sees that file change', () => {
    const host = memoryHost({
      '/p/handlers.ts': "export function make(http: any) { return { get: (id: string) => http.get(`/contacts/${id}`) }; }",
      '/p/server.ts': "import axios from 'axios';\nimport { make } from './handlers';\nexport const h = make(axios.create({ baseURL: 'https://api.frontapp.com', maxRedirects: 0 }));",
    });
    const first = analyze('/p/handlers.ts', host.files['/p/handlers.ts'], { host });
    expect(lines(first)).toEqual(['1 contact-redirect-disabled']);
    expect(first.findings[0].related?.[0]).toMatchObject({ file: '/p/server.ts', message: expect.stringMatching(/maxRedirects: 0/) });
    // the caller now follows redirects: the same text of handlers.ts gets no finding
    host.files['/p/server.ts'] = host.files['/p/server.ts'].replace(', maxRedirects: 0', '');
    expect(lines(analyze('/p/handlers.ts', host.files['/p/handlers.ts'], { host }))).toEqual([]);
  });

  it('follows an instance through its constructor arguments and base classes', () => {
    const text = [
      'class Http { constructor(private base: string) {} send(m: string, p: string) { return fetch(this.base + p, { method: m }); } }',
      'class Api { constructor(protected http: Http) {} protected post(p: string) { return this.http.send("POST", p); } }',
      'class Front extends Api { constructor() { super(new Http("https://api2.frontapp.com")); } note(id: string) { return this.post(`/contacts/${id}/notes`); } }',
    ].join('\n');
    expect(lines(analyze('/p/a.ts', text))).toEqual(['3 contact-redirect-method-change']);
  });

  it('is bounded: mutual recursion and a chain of 200 wrappers finish, and nothing is invented', () => {
    const recursive = [
      "const BASE = 'https://api2.frontapp.com';",
      'function a(p: string, n: number): any { return n ? b(p, n - 1) : fetch(BASE + p, { method: "POST" }); }',
      'function b(p: string, n: number): any { return a(p, n); }',
      'a(`/contacts/${id}/notes`, 3);',
    ].join('\n');
    expect(lines(analyze('/p/r.ts', recursive))).toEqual(['4 contact-redirect-method-change']);
    const chain = ["const BASE = 'https://api2.frontapp.com';", 'function w0(p: string) { return fetch(BASE + p, { method: "POST" }); }'];
    for (let i = 1; i < 200; i++) chain.push(`function w${i}(p: string) { return w${i - 1}(p); }`);
    chain.push('w199(`/contacts/${id}/notes`);');
    const r = analyze('/p/c.ts', chain.join('\n'));
    // deeper than the summaries follow (6 functions): the outermost call is not judged; no crash, no problem
    expect(r.problems).toEqual([]);
    expect(lines(r)).toEqual([]);
  });

  it('a parameter passed to the same function by many callers is looked up at a bounded number of them', () => {
    const callers = Array.from({ length: 300 }, (_, i) => `use(axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: ${i % 2} }));`);
    const text = ["import axios from 'axios';", 'function use(http: any) { return http.get(`/contacts/${id}`); }', ...callers].join('\n');
    const r = analyze('/p/m.ts', text);
    expect(r.problems).toEqual([]);
    expect(lines(r)).toContain('2 contact-redirect-disabled');
  });
});
