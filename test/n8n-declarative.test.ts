// n8n declarative nodes (src/core/clients/n8n-declarative.ts): a `routing.request` object is a request that no call
// expression makes. What a user notices: findings land on that object (or its `url`), the node's base URL is read
// where the node declares it (also in another file, and again when that file changes), and the fix keeps n8n's
// expression syntax.
import { describe, expect, it } from 'vitest';
import { analyze, type SourceHost } from '../src/core';

function memoryHost(files: Record<string, string>): SourceHost & { files: Record<string, string> } {
  const resolve = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = new URL(spec, `file://${from}`).pathname;
    return [base, `${base}.ts`, `${base}/index.ts`].find((f) => f in files);
  };
  return {
    files,
    resolveImport: resolve,
    readFile: (f: string) => files[f],
    importers: (f: string) =>
      Object.keys(files).filter((g) => g !== f && [...files[g].matchAll(/from\s*'([^']+)'/g)].some((m) => resolve(g, m[1]) === f)),
  };
}

const lines = (r: ReturnType<typeof analyze>) => r.findings.map((f) => `${f.range.start.line} ${f.ruleId}`);

const node = (defaults: string, props: string) => [
  "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
  'export class N implements INodeType {',
  `  description: INodeTypeDescription = { displayName: 'N', name: 'n', requestDefaults: ${defaults}, properties: ${props} };`,
  '}',
].join('\n');

describe('n8n declarative requests', () => {
  it('reports a redirect finding on the routing.request object, with the method and the node base URL', () => {
    const text = node("{ baseURL: 'https://api2.frontapp.com' }",
      "[{ name: 'operation', type: 'options', options: [{ name: 'Add', value: 'add', routing: { request: { method: 'POST', url: '=/contacts/{{$parameter.id}}/notes' } } }] }]");
    const r = analyze('/p/N.node.ts', text);
    expect(lines(r)).toEqual(['3 contact-redirect-method-change']);
    const f = r.findings[0];
    expect(text.slice(f.start, f.end)).toBe("{ method: 'POST', url: '=/contacts/{{$parameter.id}}/notes' }");
    expect(f.message).toMatch(/POST \/contacts\/:contact_id\/notes/);
  });

  it("reads the operation's own baseURL over requestDefaults, and an absolute url over both", () => {
    const ops = (req: string) => `[{ name: 'operation', type: 'options', options: [{ name: 'A', value: 'a', routing: { request: ${req} } }] }]`;
    const other = "{ baseURL: 'https://api.othercrm.example' }";
    expect(lines(analyze('/p/a.ts', node(other, ops("{ method: 'POST', baseURL: 'https://api2.frontapp.com', url: '=/contacts/{{$value}}/notes' }")))))
      .toEqual(['3 contact-redirect-method-change']);
    expect(lines(analyze('/p/b.ts', node(other, ops("{ method: 'POST', url: '=https://api2.frontapp.com/contacts/{{$value}}/notes' }")))))
      .toEqual(['3 contact-redirect-method-change']);
    expect(lines(analyze('/p/c.ts', node("{ baseURL: 'https://api2.frontapp.com' }", ops("{ method: 'POST', url: '=https://api.othercrm.example/contacts/{{$value}}/notes' }")))))
      .toEqual([]);
    // a method n8n evaluates at run time is unknown: no method-change claim
    expect(lines(analyze('/p/d.ts', node("{ baseURL: 'https://api2.frontapp.com' }", ops("{ method: '={{$parameter.verb}}', url: '=/contacts/{{$value}}/notes' }")))))
      .toEqual([]);
  });

  it('finds the base URL in the node file that spreads the operations, and sees it change', () => {
    const host = memoryHost({
      '/p/nodes/Front/Front.node.ts': [
        "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
        "import { contactDescription } from './resources/contact';",
        "export class Front implements INodeType { description: INodeTypeDescription = { displayName: 'Front', name: 'front',",
        "  requestDefaults: { baseURL: 'https://api2.frontapp.com' }, properties: [...contactDescription] }; }",
      ].join('\n'),
      '/p/nodes/Front/resources/contact/index.ts': [
        "import type { INodeProperties } from 'n8n-workflow';",
        "import { contactOperations } from './operations';",
        'export const contactDescription: INodeProperties[] = [...contactOperations];',
      ].join('\n'),
      '/p/nodes/Front/resources/contact/operations.ts': [
        "import type { INodeProperties } from 'n8n-workflow';",
        "export const contactOperations: INodeProperties[] = [{ name: 'operation', type: 'options', options: [",
        "  { name: 'Team', value: 'team', routing: { request: { url: '=/teams/{{$parameter.teamId}}/contacts' } } },",
        "  { name: 'Note', value: 'note', routing: { request: { method: 'POST', url: '=/contacts/{{$parameter.contactId}}/notes' } } },",
        '] }];',
      ].join('\n'),
    });
    const file = '/p/nodes/Front/resources/contact/operations.ts';
    const first = analyze(file, host.files[file], { host });
    expect(lines(first)).toEqual(['3 team-contacts-endpoint', '4 contact-redirect-method-change']);
    expect(first.findings[0].fix?.edits.map((e) => host.files[file].slice(e.start, e.end))).toEqual(['/teams/{{$parameter.teamId}}']);
    // the node now talks to another vendor: the same operations file gets nothing
    const nodeFile = '/p/nodes/Front/Front.node.ts';
    host.files[nodeFile] = host.files[nodeFile].replace('api2.frontapp.com', 'api.othercrm.example');
    expect(lines(analyze(file, host.files[file], { host }))).toEqual([]);
  });

  it("takes the credentials' test request base when the node names no base URL, and only a plain one", () => {
    const nodeText = (cred: string) => [
      "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
      "export class Support implements INodeType { description: INodeTypeDescription = { displayName: 'Support', name: 'support',",
      `  credentials: [{ name: '${cred}', required: true }],`,
      "  properties: [{ name: 'operation', type: 'options', options: [",
      "    { name: 'Note', value: 'note', routing: { request: { method: 'POST', url: '=/contacts/{{$parameter.contactId}}/notes' } } },",
      '  ] }] }; }',
    ].join('\n');
    const creds = (cls: string, name: string, base: string) =>
      `export class ${cls} { name = '${name}'; displayName = 'X'; test = { request: { baseURL: '${base}', url: '/me' } }; }`;
    const host = memoryHost({
      '/p/nodes/Support/Support.node.ts': nodeText('acmeSupportApi'),
      '/p/credentials/AcmeSupportApi.credentials.ts': creds('AcmeSupportApi', 'acmeSupportApi', 'https://api2.frontapp.com'),
    });
    const file = '/p/nodes/Support/Support.node.ts';
    expect(lines(analyze(file, host.files[file], { host }))).toEqual(['5 contact-redirect-method-change']);
    // another vendor's test base, or one the user configures (an expression): not Front's
    host.files['/p/credentials/AcmeSupportApi.credentials.ts'] = creds('AcmeSupportApi', 'acmeSupportApi', 'https://api.acme-support.example');
    expect(lines(analyze(file, host.files[file], { host }))).toEqual([]);
    host.files['/p/credentials/AcmeSupportApi.credentials.ts'] = creds('AcmeSupportApi', 'acmeSupportApi', '={{$credentials.baseUrl}}');
    expect(lines(analyze(file, host.files[file], { host }))).toEqual([]);
  });

  it('reads a company host written as an expression', () => {
    const ops = "[{ name: 'operation', type: 'options', options: [{ name: 'A', value: 'a', routing: { request: { method: 'POST', url: '=/contacts/{{$value}}/notes' } } }] }]";
    expect(lines(analyze('/p/a.ts', node("{ baseURL: '=https://{{$credentials.company}}.api.frontapp.com' }", ops)))).toEqual(['3 contact-redirect-method-change']);
    expect(lines(analyze('/p/b.ts', node("{ baseURL: '=https://{{$credentials.subdomain}}.teamwork.example/api' }", ops)))).toEqual([]);
  });

  it('reports a url read from a shared constant without an automatic fix', () => {
    const text = [
      "import type { INodeType, INodeTypeDescription } from 'n8n-workflow';",
      "const TEAM_CONTACTS = '=/teams/{{$parameter.teamId}}/contacts';",
      "export const alsoUsed = TEAM_CONTACTS;",
      "export class N implements INodeType { description: INodeTypeDescription = { displayName: 'N', name: 'n',",
      "  requestDefaults: { baseURL: 'https://api2.frontapp.com' },",
      "  properties: [{ name: 'operation', type: 'options', options: [{ name: 'T', value: 't', routing: { request: { url: TEAM_CONTACTS } } }] }] }; }",
    ].join('\n');
    const r = analyze('/p/n.ts', text);
    expect(lines(r)).toEqual(['6 team-contacts-endpoint']);
    expect(r.findings[0].fix).toBeUndefined();
  });

  it('leaves objects that only look like routing alone outside n8n', () => {
    const text = "export const cfg = { routing: { request: { method: 'POST', url: 'https://api2.frontapp.com/contacts/crd_1/notes' } } };";
    expect(lines(analyze('/p/cfg.ts', text))).toEqual([]);
  });
});
