/**
 * contact-redirect-auth-dropped and configured proxies: a `frontBaseUrls` proxy is quiet by default (nobody knows
 * which Location it answers with); listed in `passThroughProxies` it passes Front's `Location: https://api.frontapp.com/…`
 * on, so a followed redirect leaves its host. Checked through the engine, the config loader and the CLI.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/core';
import { loadConfig, ConfigError } from '../src/project/config';
import { ensureBuilt, makeProject, runCli } from './cli/helpers';

const PROXY = 'https://front-proxy.internal.example.com';
const CODE = [
  `const BASE = '${PROXY}';`,
  'export const getContact = (id: string) => fetch(`${BASE}/contacts/${id}`, { headers: { Authorization: `Bearer ${process.env.FRONT_API_TOKEN}` } });',
  "export const addNote = (id: string) => fetch(`${BASE}/contacts/${id}/notes`, { method: 'POST', body: '{}' });",
  '',
].join('\n');

const list = (opts: Parameters<typeof analyze>[2]) => analyze('/p/proxy.ts', CODE, opts).findings.map((f) => `${f.range.start.line} ${f.ruleId}`);

describe('passThroughProxies', () => {
  it('a frontBaseUrls proxy alone: the GET stays quiet, the POST is a method change with no word of a lost header', () => {
    const r = analyze('/p/proxy.ts', CODE, { frontBaseUrls: [PROXY] });
    expect(r.findings.map((f) => `${f.range.start.line} ${f.ruleId}`)).toEqual(['3 contact-redirect-method-change']);
    expect(r.findings[0].message).toContain('if this host is not api.frontapp.com');
  });

  it('a pass-through proxy: the followed GET loses Authorization, and the POST message says so too', () => {
    const r = analyze('/p/proxy.ts', CODE, { frontBaseUrls: [PROXY], passThroughProxies: [PROXY] });
    expect(r.findings.map((f) => `${f.range.start.line} ${f.ruleId}`)).toEqual(['2 contact-redirect-auth-dropped', '3 contact-redirect-method-change']);
    expect(r.findings[0].message).toContain('front-proxy.internal.example.com (a passThroughProxies entry)');
    // the proxy is there for a reason: only the runtime helper is offered, not "point it at api.frontapp.com"
    expect(r.findings[0].suggestions?.map((s) => s.title)).toEqual([expect.stringContaining('withContactRedirects')]);
    expect(r.findings[1].message).toContain('without the Authorization header');
  });

  it('can be turned off like any rule', () => {
    expect(list({ frontBaseUrls: [PROXY], passThroughProxies: [PROXY], rules: { 'contact-redirect-auth-dropped': 'off' } })).toEqual(['3 contact-redirect-method-change']);
  });

  it('the config validates the list and adds its entries to frontBaseUrls', () => {
    const dir = makeProject({ 'front-contacts.config.json': JSON.stringify({ passThroughProxies: [PROXY] }) });
    expect(loadConfig({ cwd: dir }).config).toEqual({ rules: {}, frontBaseUrls: [PROXY], passThroughProxies: [PROXY], ignore: [] });
    const bad = makeProject({ 'front-contacts.config.json': JSON.stringify({ passThroughProxies: ['has space', 3] }) });
    let error: unknown;
    try {
      loadConfig({ cwd: bad });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      '"passThroughProxies[0]" must be a URL or host name without spaces, found "has space"',
      '"passThroughProxies[1]" must be a string, found number 3',
    ]);
  });

  describe('through the CLI', () => {
    beforeAll(ensureBuilt, 120_000);
    it('check reads passThroughProxies from the config', async () => {
      const dir = makeProject({ 'src/proxy.ts': CODE, 'front-contacts.config.json': JSON.stringify({ passThroughProxies: [PROXY] }) });
      const r = await runCli(dir, ['check', '--format', 'json']);
      const ids = JSON.parse(r.stdout).flatMap((f: { findings: Array<{ ruleId: string }> }) => f.findings.map((x) => x.ruleId));
      expect(ids).toEqual(['contact-redirect-auth-dropped', 'contact-redirect-method-change']);
      expect(path.basename(JSON.parse(r.stdout)[0].filePath)).toBe('proxy.ts');
    });
  });
});
