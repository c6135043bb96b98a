/**
 * The CLI loads its bundle (bin/front-contacts.js) and TypeScript (src/cli/typescript-loader.ts) through V8's
 * code cache (src/cli/code-cache.ts): the first run writes the caches, later runs use them, a cache that does not
 * fit is ignored and rewritten, and none of this changes what the CLI reports.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, runCliProcess } from './helpers';

beforeAll(ensureBuilt, 120_000);

const OWN = "export const own = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";

const cacheState = (stderr: string) => /TypeScript loaded in \d+ ms \((?:minified copy; )?code cache: (\w+)\)/.exec(stderr)?.[1];
const bundleState = (stderr: string) => /CLI bundle loaded in \d+ ms \(code cache: (\w+)\)/.exec(stderr)?.[1];

describe('TypeScript code cache', () => {
  it('is written by the first run, used by the next, and replaced when it does not fit', async () => {
    const dir = makeProject({ 'src/a.ts': OWN });
    const cache = mkdtempSync(path.join(tmpdir(), 'fc-code-cache-'));
    const env = { FRONT_CONTACTS_CODE_CACHE: cache };
    const first = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], env);
    expect(cacheState(first.stderr)).toBe('unavailable');
    // the build's minified copy of the compiler (dist/typescript.js), not ts-morph's 9 MB file
    expect(first.stderr).toMatch(/TypeScript loaded in \d+ ms \(minified copy; code cache/);
    expect(bundleState(first.stderr)).toBe('unavailable');
    const files = readdirSync(cache).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^cli-v\d+\.\d+\.\d+-\w+-\d+-\d+\.v8cache$/);
    expect(files[1]).toMatch(/^typescript-v\d+\.\d+\.\d+-\w+-\d+-\d+\.v8cache$/);
    const tsCache = files[1];

    const second = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], env);
    expect(cacheState(second.stderr)).toBe('used');
    expect(bundleState(second.stderr)).toBe('used');
    expect(second.stdout).toBe(first.stdout);
    expect(JSON.parse(second.stdout)[0].findings[0].ruleId).toBe('team-contacts-endpoint');

    writeFileSync(path.join(cache, tsCache), 'not a V8 code cache');
    const third = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], env);
    expect(cacheState(third.stderr)).toBe('rejected');
    expect(third.stdout).toBe(first.stdout);
    const fourth = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], env);
    expect(cacheState(fourth.stderr)).toBe('used');
    expect(readdirSync(cache).sort()).toEqual(files); // no temp file left behind

    // a cache of an earlier build of the same file is removed when the new one is written
    const stale = tsCache.replace(/-\d+\.v8cache$/, '-1.v8cache');
    writeFileSync(path.join(cache, stale), 'an earlier build');
    writeFileSync(path.join(cache, tsCache), 'not a V8 code cache');
    await runCliProcess(dir, ['check', '--format', 'json', '--debug'], env);
    expect(readdirSync(cache).sort()).toEqual(files);
  }, 60_000);

  it('can be turned off, and a cache folder that cannot be written only costs the cache', async () => {
    const dir = makeProject({ 'src/a.ts': OWN });
    const off = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], { FRONT_CONTACTS_CODE_CACHE: '0' });
    expect(cacheState(off.stderr)).toBe('off');
    expect(bundleState(off.stderr)).toBe('off');
    const blocker = path.join(mkdtempSync(path.join(tmpdir(), 'fc-code-cache-')), 'a-file');
    writeFileSync(blocker, '');
    const unwritable = await runCliProcess(dir, ['check', '--format', 'json', '--debug'], { FRONT_CONTACTS_CODE_CACHE: path.join(blocker, 'cache') });
    expect(cacheState(unwritable.stderr)).toBe('unavailable');
    expect(unwritable.stdout).toBe(off.stdout);
    expect(unwritable.code).toBe(off.code);
    expect(existsSync(path.join(blocker, 'cache'))).toBe(false);
  }, 60_000);
});
