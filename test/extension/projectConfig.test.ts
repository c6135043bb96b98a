import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectConfigLoader } from '../../src/extension/projectConfig';

let dir: string;
describe('ProjectConfigLoader (the extension reads the CLI’s config)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fc-cfg-'));
    mkdirSync(join(dir, 'a', 'src', 'gen'), { recursive: true });
    mkdirSync(join(dir, 'b', 'src'), { recursive: true });
    mkdirSync(join(dir, 'c'), { recursive: true });
    writeFileSync(join(dir, 'a', 'front-contacts.config.json'), JSON.stringify({ rules: { 'chat-identify-phone': 'off' }, ignore: ['src/gen/**'], frontBaseUrls: ['https://proxy.example'] }));
    writeFileSync(join(dir, 'b', 'package.json'), JSON.stringify({ name: 'b', frontContacts: { rules: { 'team-contacts-endpoint': 'warning' } } }));
    writeFileSync(join(dir, 'c', 'front-contacts.config.json'), '{ "rules": { "no-such-rule": "error" } }');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the nearest config file above a file, with its ignore globs', () => {
    const l = new ProjectConfigLoader();
    const a = l.forFile(join(dir, 'a', 'src', 'x.ts'));
    expect(a.file).toBe(join(dir, 'a', 'front-contacts.config.json'));
    expect(a.config.rules).toEqual({ 'chat-identify-phone': 'off' });
    expect(a.config.frontBaseUrls).toEqual(['https://proxy.example']);
    expect(l.isIgnored(a, join(dir, 'a', 'src', 'gen', 'y.ts'))).toBe(true);
    expect(l.isIgnored(a, join(dir, 'a', 'src', 'x.ts'))).toBe(false);
  });

  it('reads "frontContacts" from package.json', () => {
    const b = new ProjectConfigLoader().forFile(join(dir, 'b', 'src', 'x.js'));
    expect(b.file).toBe(join(dir, 'b', 'package.json'));
    expect(b.config.rules).toEqual({ 'team-contacts-endpoint': 'warning' });
  });

  it('reports a broken config with its reason and falls back to the defaults', () => {
    const c = new ProjectConfigLoader().forFile(join(dir, 'c', 'x.ts'));
    expect(c.error).toMatch(/unknown rule "no-such-rule"/);
    expect(c.config.rules).toEqual({});
  });

  it('caches per folder until invalidated', () => {
    const l = new ProjectConfigLoader();
    expect(l.forFile(join(dir, 'a', 'src', 'x.ts')).config.rules).toEqual({ 'chat-identify-phone': 'off' });
    writeFileSync(join(dir, 'a', 'front-contacts.config.json'), JSON.stringify({ rules: { 'chat-identify-phone': 'warning' } }));
    expect(l.forFile(join(dir, 'a', 'src', 'x.ts')).config.rules).toEqual({ 'chat-identify-phone': 'off' });
    l.invalidate();
    expect(l.forFile(join(dir, 'a', 'src', 'x.ts')).config.rules).toEqual({ 'chat-identify-phone': 'warning' });
  });
});
