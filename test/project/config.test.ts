import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/project/config';
import { isIgnored } from '../../src/project/ignore';
import { JsoncSyntaxError, parseJsonc } from '../../src/project/jsonc';
import { tempProject } from '../support/temp-project';

const project = (files: Record<string, string>): string => tempProject('config', files);

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('finds front-contacts.config.json upward from the working folder', () => {
    const dir = project({
      'front-contacts.config.json': JSON.stringify({ rules: { 'contact-redirect-method-change': 'error' }, frontBaseUrls: ['https://front-proxy.internal'], ignore: ['generated/'] }),
      'packages/app/src/.keep': '',
    });
    const loaded = loadConfig({ cwd: path.join(dir, 'packages', 'app', 'src') });
    expect(loaded.file).toBe(path.join(dir, 'front-contacts.config.json'));
    expect(loaded.config).toEqual({ rules: { 'contact-redirect-method-change': 'error' }, frontBaseUrls: ['https://front-proxy.internal'], ignore: ['generated/'] });
    // ignore globs are relative to the config's folder, at any depth
    expect(isIgnored(loaded.ignoreRules, path.join(dir, 'packages', 'app', 'generated'), true)).toBe(true);
  });

  it('uses the "frontContacts" key of the nearest package.json that has one', () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'root', frontContacts: { rules: { 'chat-identify-phone': 'warning' } } }),
      'packages/app/package.json': JSON.stringify({ name: 'app' }),
    });
    const loaded = loadConfig({ cwd: path.join(dir, 'packages', 'app') });
    expect(loaded.file).toBe(path.join(dir, 'package.json'));
    expect(loaded.config.rules).toEqual({ 'chat-identify-phone': 'warning' });
  });

  it('prefers the config file over package.json in the same folder, and --config over both', () => {
    const dir = project({
      'package.json': JSON.stringify({ frontContacts: { rules: { 'chat-identify-phone': 'warning' } } }),
      'front-contacts.config.json': '{ "rules": { "chat-identify-phone": "off" } }',
      'ci/strict.json': '{ // comments are fine\n "rules": { "chat-identify-phone": "error", }, }',
    });
    expect(loadConfig({ cwd: dir }).config.rules).toEqual({ 'chat-identify-phone': 'off' });
    expect(loadConfig({ cwd: dir, configFile: 'ci/strict.json' }).config.rules).toEqual({ 'chat-identify-phone': 'error' });
  });

  it('returns defaults when there is no config', () => {
    const dir = project({ 'a.ts': '' });
    const loaded = loadConfig({ cwd: dir });
    // (a config further up in the temp folder's parents would be found; there is none in /tmp)
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual({ rules: {}, frontBaseUrls: [], ignore: [] });
  });

  it('lists every problem of a bad config, naming the file', () => {
    const dir = project({
      'front-contacts.config.json': JSON.stringify({ rule: {}, rules: { 'team-contact-endpoint': 'error', 'chat-identify-phone': 'warn' }, frontBaseUrls: 'api.frontapp.com', ignore: [1, ''] }),
    });
    const e = configError(() => loadConfig({ cwd: dir }));
    expect(e.file).toBe(path.join(dir, 'front-contacts.config.json'));
    expect(e.problems).toEqual([
      'unknown key "rule" (expected one of: rules, frontBaseUrls, passThroughProxies, ignore)',
      expect.stringContaining('unknown rule "team-contact-endpoint"'),
      '"rules.chat-identify-phone" must be "off", "warning" or "error", found "warn"',
      '"frontBaseUrls" must be an array of strings, found "api.frontapp.com"',
      '"ignore[0]" must be a string, found number 1',
      '"ignore[1]" must not be empty',
    ]);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const dir = project({ 'front-contacts.config.json': '{\n  "rules": {\n    "chat-identify-phone" "off"\n  }\n}\n' });
    const e = configError(() => loadConfig({ cwd: dir }));
    expect(e.message).toContain(`${path.join(dir, 'front-contacts.config.json')}:3:27`);
    expect(e.problems[0]).toMatch(/expected ':'/);
  });

  it('reports a missing --config file and a package.json without the key', () => {
    const dir = project({ 'package.json': '{"name":"x"}' });
    expect(configError(() => loadConfig({ cwd: dir, configFile: 'nope.json' })).problems).toEqual(['file not found']);
    expect(configError(() => loadConfig({ cwd: dir, configFile: 'package.json' })).problems).toEqual(['has no "frontContacts" key']);
  });

  it('rejects frontBaseUrls that are not URLs or host names', () => {
    const dir = project({ 'front-contacts.config.json': '{"frontBaseUrls": ["https://ok.example", "proxy.internal:8080", "not a host", "http://"]}' });
    expect(configError(() => loadConfig({ cwd: dir })).problems).toEqual([
      '"frontBaseUrls[2]" must be a URL or host name without spaces, found "not a host"',
      '"frontBaseUrls[3]" is not a valid URL: "http://"',
    ]);
  });
});

describe('parseJsonc', () => {
  it('accepts comments and trailing commas like tsconfig.json', () => {
    expect(parseJsonc('\ufeff{ /* a */ "a": [1, 2,], // b\n "b": "//not a comment", }')).toEqual({ a: [1, 2], b: '//not a comment' });
  });
  it.each([
    ['{"a": 1', 1, 8],
    ['{\n "a": tru }', 2, 7],
    ['[1 2]', 1, 4],
    ['{"a": "x\ny"}', 1, 7],
    ['{} x', 1, 4],
  ])('reports %j at %i:%i', (text, line, column) => {
    try {
      parseJsonc(text);
      throw new Error('expected a syntax error');
    } catch (e) {
      expect(e).toBeInstanceOf(JsoncSyntaxError);
      expect([(e as JsoncSyntaxError).line, (e as JsoncSyntaxError).column]).toEqual([line, column]);
    }
  });
});
