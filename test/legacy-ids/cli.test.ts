// `front-contacts legacy-ids` against a real HTTP server on 127.0.0.1 that pages like Front, with injected
// 429s, 5xx, connection resets, hangs, a killed process and resumes. Every test asserts the exact rows.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runLegacyIds } from '../../src/cli/legacy-ids';
import { makeContacts, startFrontServer, type FakeContact, type FrontServer, type FrontServerOptions, type RecordedRequest } from '../support/front-server';

const TOKEN = 'tok_SECRET_do_not_print_4711';
const ENV = { FRONT_API_TOKEN: TOKEN };

let dir: string;
const servers: FrontServer[] = [];

beforeAll(async () => {
  dir = await fsp.mkdtemp(join(tmpdir(), 'legacy-ids-'));
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function server(options: FrontServerOptions = {}): Promise<FrontServer> {
  const s = await startFrontServer({ token: TOKEN, ...options });
  servers.push(s);
  return s;
}

let bundled: Promise<string> | undefined;
/** The command bundled once for the tests that run it in a child process they kill. */
function commandBundle(): Promise<string> {
  bundled ??= (async () => {
    const bundle = join(dir, 'legacy-ids-cli.cjs');
    await build({ entryPoints: ['src/cli/legacy-ids.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
    return bundle;
  })();
  return bundled;
}

let fileCounter = 0;
const outPath = (ext: string) => join(dir, `map-${++fileCounter}.${ext}`);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => text };
}

async function run(args: string[], env: NodeJS.ProcessEnv = ENV): Promise<Result> {
  const out = sink();
  const err = sink();
  const code = await runLegacyIds(args, env, { stdout: out.stream, stderr: err.stream });
  const result = { code, stdout: out.text(), stderr: err.text() };
  expect(result.stderr).not.toContain(TOKEN);
  expect(result.stdout).not.toContain(TOKEN);
  return result;
}

/** The rows the tool must produce: one per legacy id, in listing order. */
function expectedRows(contacts: FakeContact[]): string[][] {
  return contacts.flatMap((c) => (c.legacyIds ?? []).map((legacy) => [legacy, c.id]));
}

async function readCsv(path: string): Promise<string[][]> {
  const text = await fsp.readFile(path, 'utf8');
  const lines = text.split('\n');
  expect(lines[0]).toBe('legacy_id,contact_id');
  expect(lines[lines.length - 1]).toBe('');
  return lines.slice(1, -1).map((l) => l.split(','));
}

const isList = (r: RecordedRequest) => r.method === 'GET' && r.pathname === '/contacts';
const pageAt = (offset: number) => (r: RecordedRequest) =>
  isList(r) && (r.query.get('page_token') ?? '') === (offset === 0 ? '' : Buffer.from(`offset:${offset}`).toString('base64url'));

async function expectNoLeftovers(out: string): Promise<void> {
  const files = await fsp.readdir(dir);
  const base = out.slice(dir.length + 1);
  expect(files.filter((f) => f.startsWith(base) && f !== base)).toEqual([]);
}

describe('legacy-ids: paging and formats', () => {
  it('pages GET /contacts?limit=100 through _pagination.next and writes every legacy_id,contact_id row as CSV', async () => {
    const contacts = makeContacts(250);
    const s = await server({ contacts });
    const out = outPath('csv');
    const r = await run(['--base-url', s.url, '--out', out]);
    expect(r.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect(expectedRows(contacts)).toHaveLength(166);
    expect(s.requests.map((q) => q.path)).toEqual([
      '/contacts?limit=100',
      `/contacts?limit=100&page_token=${Buffer.from('offset:100').toString('base64url')}`,
      `/contacts?limit=100&page_token=${Buffer.from('offset:200').toString('base64url')}`,
    ]);
    expect(s.requests.every((q) => q.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(r.stderr).toMatch(/pages 1, contacts 100, mappings 66/);
    expect(r.stderr).toMatch(/done: 3 pages, 250 contacts, 166 legacy id mappings/);
    await expectNoLeftovers(out);
  });

  it('writes .json (an array) and .jsonl (one object a line) with the same rows', async () => {
    const contacts = makeContacts(45, 4, 3);
    const s = await server({ contacts });
    const json = outPath('json');
    const jsonl = outPath('jsonl');
    expect((await run(['--base-url', s.url, '--out', json, '--limit', '10'])).code).toBe(0);
    expect((await run(['--base-url', s.url, '--out', jsonl, '--limit', '7'])).code).toBe(0);
    const rows = expectedRows(contacts).map(([legacy_id, contact_id]) => ({ legacy_id, contact_id }));
    expect(JSON.parse(await fsp.readFile(json, 'utf8'))).toEqual(rows);
    const lines = (await fsp.readFile(jsonl, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(rows);
  });

  it('writes a valid empty file when no contact was migrated', async () => {
    const s = await server({ contacts: makeContacts(5, 1000) });
    const json = outPath('json');
    const csv = outPath('csv');
    expect((await run(['--base-url', s.url, '--out', json])).code).toBe(0);
    expect((await run(['--base-url', s.url, '--out', csv])).code).toBe(0);
    expect(JSON.parse(await fsp.readFile(json, 'utf8'))).toEqual([]);
    expect(await fsp.readFile(csv, 'utf8')).toBe('legacy_id,contact_id\n');
  });

  it('creates the folders of --out, --sql-out and --checkpoint when they do not exist, like a shell redirection into a new artifacts folder', async () => {
    const contacts = makeContacts(12);
    const s = await server({ contacts });
    const out = join(dir, 'new-artifacts', 'ids', 'map.csv');
    const sqlOut = join(dir, 'new-sql', 'map.sql');
    const checkpoint = join(dir, 'new-state', 'cp.json');
    const r = await run(['--base-url', s.url, '--out', out, '--sql', 'UPDATE t SET id = :newId WHERE id IN (:legacyIds)', '--sql-out', sqlOut, '--checkpoint', checkpoint]);
    expect(r.stderr).not.toMatch(/cannot write/);
    expect(r.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect((await fsp.readFile(sqlOut, 'utf8')).split('\n').filter(Boolean)).toHaveLength(contacts.filter((c) => c.legacyIds?.length).length);
    await expect(fsp.stat(checkpoint)).rejects.toThrow(); // a finished run leaves no checkpoint
  });

  it('follows next links to another origin only when that host is allowed', async () => {
    const contacts = makeContacts(30);
    const s = await server({ contacts, nextOrigin: 'other' });
    const out = outPath('csv');
    const refused = await run(['--base-url', s.url, '--out', out, '--limit', '10']);
    expect(refused.code).toBe(1);
    const otherHost = new URL(s.otherUrl).host;
    expect(refused.stderr).toContain(`refusing to send the API token to ${s.otherUrl}`);
    expect(refused.stderr).toContain(`--allow-host ${otherHost}`);
    expect(s.requests.filter((q) => q.origin === 'other')).toEqual([]);

    const ok = await run(['--base-url', s.url, '--out', out, '--limit', '10', '--allow-host', otherHost, '--restart']);
    expect(ok.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect(s.requests.filter((q) => q.origin === 'other').map((q) => q.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });
});

describe('legacy-ids: the real world', () => {
  it('rides out 429 (Retry-After and x-ratelimit-reset), 500, 503 and connection resets with the exact rows', async () => {
    const contacts = makeContacts(60);
    const s = await server({ contacts });
    s.addFault({ kind: 'rate-limit', retryAfter: 0, match: pageAt(0) });
    s.addFault({ kind: 'server-error', match: pageAt(10) });
    s.addFault({ kind: 'reset', match: pageAt(20), times: 2 });
    s.addFault({ kind: 'rate-limit', retryAfter: null, resetIn: 0.2, match: pageAt(30) });
    s.addFault({ kind: 'server-error', status: 503, match: pageAt(40) });
    s.addFault({ kind: 'rate-limit', retryAfter: 1, match: pageAt(50) });
    const out = outPath('csv');
    const started = Date.now();
    const r = await run(['--base-url', s.url, '--out', out, '--limit', '10', '--backoff-ms', '1']);
    expect(r.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect(s.requests.map((q) => q.outcome)).toEqual([429, 200, 500, 200, 'reset', 'reset', 200, 429, 200, 503, 200, 429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After: 1 was honoured
    expect(r.stderr).toMatch(/HTTP 429 \(rate limited\); retry 1\/10/);
    expect(r.stderr).toMatch(/connection failed/);
  });

  it('waits for the window when x-ratelimit-remaining reaches 0 instead of hammering into 429s', async () => {
    const contacts = makeContacts(50);
    const s = await server({ contacts, rateLimit: { limit: 2, windowSeconds: 0.5 } });
    const out = outPath('csv');
    const r = await run(['--base-url', s.url, '--out', out, '--limit', '10']);
    expect(r.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect(s.requests.map((q) => q.outcome)).toEqual([200, 200, 200, 200, 200]);
  });

  it('times out a request that never answers and retries it', async () => {
    const contacts = makeContacts(20);
    const s = await server({ contacts });
    s.addFault({ kind: 'hang', match: pageAt(10) });
    const out = outPath('jsonl');
    const r = await run(['--base-url', s.url, '--out', out, '--limit', '10', '--timeout', '1', '--backoff-ms', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no answer within 1 s/);
    const rows = (await fsp.readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x: { legacy_id: string; contact_id: string }) => [x.legacy_id, x.contact_id])).toEqual(expectedRows(contacts));
  });

  it('gives up after --retries with a resumable checkpoint, and --resume finishes with no duplicate and no missing row', async () => {
    const contacts = makeContacts(55);
    const s = await server({ contacts });
    s.addFault({ kind: 'server-error', status: 502, match: pageAt(30), times: 3 });
    const out = outPath('csv');
    const args = ['--base-url', s.url, '--out', out, '--limit', '10', '--retries', '2', '--backoff-ms', '1'];
    const failed = await run(args);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/giving up on .* after 3 attempts: HTTP 502/);
    expect(failed.stderr).toContain('--resume');
    const checkpoint = await fsp.readFile(`${out}.checkpoint.json`, 'utf8');
    expect(checkpoint).not.toContain(TOKEN);
    expect(JSON.parse(checkpoint)).toMatchObject({ pages: 3, contacts: 30 });
    await expect(fsp.stat(out)).rejects.toThrow(); // nothing half-written under the final name

    // A fresh run refuses to silently throw the progress away.
    const again = await run(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--resume to continue it or --restart/);

    const listedBefore = s.listRequests().length;
    const resumed = await run([...args, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming after 3 pages, 30 contacts/);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    // The resumed run started at the page that failed, not at the beginning.
    expect(s.listRequests().slice(listedBefore).map((q) => q.query.get('page_token'))).toEqual(
      [30, 40, 50].map((o) => Buffer.from(`offset:${o}`).toString('base64url')),
    );
    await expectNoLeftovers(out);
  });

  it('drops rows written after the last checkpoint (a crash between append and checkpoint) when resuming', async () => {
    const contacts = makeContacts(40);
    const s = await server({ contacts });
    s.addFault({ kind: 'server-error', match: pageAt(20), times: 1 });
    const out = outPath('json');
    const args = ['--base-url', s.url, '--out', out, '--limit', '10', '--retries', '0'];
    expect((await run(args)).code).toBe(1);
    // Simulate the crash window: rows of the next page reached the file, the checkpoint never did.
    const orphan = ',\n  {"legacy_id":"crd_old21_0","contact_id":"crd_0021"}';
    await fsp.appendFile(`${out}.part`, orphan.repeat(50));
    const resumed = await run([...args, '--resume']);
    expect(resumed.code).toBe(0);
    const rows = expectedRows(contacts).map(([legacy_id, contact_id]) => ({ legacy_id, contact_id }));
    expect(JSON.parse(await fsp.readFile(out, 'utf8'))).toEqual(rows);
  });

  it('refuses to resume with different options', async () => {
    const s = await server({ contacts: makeContacts(30) });
    s.addFault({ kind: 'server-error', match: pageAt(10) });
    const out = outPath('csv');
    expect((await run(['--base-url', s.url, '--out', out, '--limit', '10', '--retries', '0'])).code).toBe(1);
    const r = await run(['--base-url', s.otherUrl, '--out', out, '--limit', '10', '--resume']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/different --base-url/);
  });

  it('survives being killed mid-run: --resume continues with no duplicate and no missing row', async () => {
    const bundle = await commandBundle();
    const contacts = makeContacts(120);
    const s = await server({ contacts });
    s.addFault({ kind: 'hang', match: pageAt(60) }); // the child is killed while waiting for page 7
    const out = outPath('csv');
    const args = ['--base-url', s.url, '--out', out, '--limit', '10'];
    const child = spawn(
      process.execPath,
      ['-e', 'require(process.argv[1]).runLegacyIds(JSON.parse(process.argv[2]), process.env, process).then((c) => { process.exitCode = c; })', bundle, JSON.stringify(args)],
      { env: { ...process.env, ...ENV }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let childStderr = '';
    child.stderr.on('data', (d: Buffer) => (childStderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 20_000;
    while (!s.requests.some((q) => q.outcome === 'hang')) {
      if (Date.now() > deadline) throw new Error(`child never reached page 7: ${childStderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(childStderr).not.toContain(TOKEN);
    expect(JSON.parse(await fsp.readFile(`${out}.checkpoint.json`, 'utf8'))).toMatchObject({ pages: 6, contacts: 60, mappings: 40 });

    const listedBefore = s.listRequests().length;
    const resumed = await run([...args, '--resume']);
    expect(resumed.code).toBe(0);
    const rows = await readCsv(out);
    expect(rows).toEqual(expectedRows(contacts));
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    expect(s.listRequests().slice(listedBefore)).toHaveLength(6);
    await expectNoLeftovers(out);
  });
});

describe('legacy-ids: failures that are not transient, and what they leave behind', () => {
  it('a 200 that is not JSON (a wrong --base-url serving HTML) fails at once, naming the content type and suggesting --base-url', async () => {
    let hits = 0;
    const html = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Front</title><p>Welcome</p>');
    });
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
      const out = outPath('csv');
      const started = Date.now();
      const r = await run(['--base-url', url, '--out', out, '--backoff-ms', '500']);
      expect(r.code).toBe(1);
      expect(hits).toBe(1);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(r.stderr).toContain(`GET ${url}/contacts?limit=100 answered HTTP 200 with text/html, not JSON`);
      expect(r.stderr).toContain('check --base-url');
      expect(r.stderr).not.toMatch(/retry/);
      await expectNoLeftovers(out);
    } finally {
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it('a checkpoint with no progress (the run was killed before its first page) does not block the next run', async () => {
    const bundle = await commandBundle();
    const contacts = makeContacts(25);
    const s = await server({ contacts });
    s.addFault({ kind: 'hang', match: pageAt(0) });
    const out = outPath('csv');
    const args = ['--base-url', s.url, '--out', out, '--limit', '10'];
    const child = spawn(
      process.execPath,
      ['-e', 'require(process.argv[1]).runLegacyIds(JSON.parse(process.argv[2]), process.env, process).then((c) => { process.exitCode = c; })', bundle, JSON.stringify(args)],
      { env: { ...process.env, ...ENV }, stdio: ['ignore', 'ignore', 'ignore'] },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    while (!s.requests.some((q) => q.outcome === 'hang')) {
      if (Date.now() > deadline) throw new Error('child never asked for the first page');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    expect(JSON.parse(await fsp.readFile(`${out}.checkpoint.json`, 'utf8'))).toMatchObject({ pages: 0, contacts: 0 });

    const again = await run(args);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('holds no progress (no page was written); starting from the first page');
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    await expectNoLeftovers(out);

    // an empty checkpoint file holds no progress either
    await fsp.writeFile(`${out}.checkpoint.json`, '');
    expect((await run(args)).code).toBe(0);
    await expectNoLeftovers(out);
  });

  it('a refused foreign _pagination.next host leaves a checkpoint; --resume --allow-host finishes with the exact rows', async () => {
    const contacts = makeContacts(30);
    const s = await server({ contacts, nextOrigin: 'other' });
    const out = outPath('csv');
    const args = ['--base-url', s.url, '--out', out, '--limit', '10'];
    const refused = await run(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`refusing to send the API token to ${s.otherUrl}`);
    expect(refused.stderr).toContain(`progress is saved in ${out}.checkpoint.json; run again with --resume to continue`);
    expect(JSON.parse(await fsp.readFile(`${out}.checkpoint.json`, 'utf8'))).toMatchObject({ pages: 1, contacts: 10 });
    expect(s.requests.filter((q) => q.origin === 'other')).toEqual([]);

    // resuming without the permission refuses again, before sending anything
    const stillRefused = await run([...args, '--resume']);
    expect(stillRefused.code).toBe(1);
    expect(s.requests.filter((q) => q.origin === 'other')).toEqual([]);

    const otherHost = new URL(s.otherUrl).host;
    const resumed = await run([...args, '--resume', '--allow-host', otherHost]);
    expect(resumed.code).toBe(0);
    expect(await readCsv(out)).toEqual(expectedRows(contacts));
    expect(s.listRequests().filter((q) => q.origin === 'primary')).toHaveLength(1);
    await expectNoLeftovers(out);
  });
});

describe('legacy-ids: token, usage and SQL', () => {
  it('says the token was rejected on 401 and never prints it', async () => {
    const s = await server({ contacts: makeContacts(3) });
    const out = outPath('csv');
    const r = await run(['--base-url', s.url, '--out', out], { FRONT_API_TOKEN: 'not-the-token-xyz' });
    expect(r.code).toBe(1);
    await expectNoLeftovers(out); // nothing to resume: the next run with a good token starts afresh
    await expect(fsp.stat(out)).rejects.toThrow();
    expect(r.stderr).toMatch(/API token was rejected \(HTTP 401/);
    expect(r.stderr).toContain('$FRONT_API_TOKEN');
    expect(r.stderr).not.toContain('not-the-token-xyz');
  });

  it('reads the token from --token-env and fails clearly when it is unset', async () => {
    const s = await server({ contacts: makeContacts(3) });
    const missing = await run(['--base-url', s.url, '--out', outPath('csv'), '--token-env', 'MY_FRONT']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/environment variable MY_FRONT is empty or not set/);
    const ok = await run(['--base-url', s.url, '--out', outPath('csv'), '--token-env', 'MY_FRONT'], { MY_FRONT: `${TOKEN}\n` });
    expect(ok.code).toBe(0);
  });

  it('lists every option in --help and rejects bad usage with exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--out', '--sql ', '--sql-out', '--base-url', '--token-env', '--checkpoint', '--resume', '--restart', '--allow-host', '--limit', '--retries', '--backoff-ms', '--max-wait', '--timeout', '--quiet', '--help']) {
      expect(help.stdout).toContain(option);
    }
    for (const args of [[], ['--out', 'x.txt'], ['--out', 'x.csv', '--limit', '500'], ['--out', 'x.csv', '--bogus'], ['--out', 'x.csv', '--sql', 'DELETE FROM t'], ['--out', 'x.csv', '--resume', '--restart']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/front-contacts legacy-ids: .+/);
    }
  });

  it('--sql writes one quoted statement per migrated contact next to the rows', async () => {
    const contacts: FakeContact[] = [
      { id: 'crd_a', legacyIds: ['crd_1', 'crd_2'] },
      { id: 'crd_b' },
      { id: "crd_o'c", legacyIds: ["crd_x', 'y'); DROP TABLE my_table; --"] },
      { id: 'crd_c', legacyIds: ['crd_3'] },
    ];
    const s = await server({ contacts });
    const out = outPath('csv');
    const template = 'UPDATE my_table SET front_contact_id = :newId WHERE front_contact_id IN (:legacyIds)';
    const r = await run(['--base-url', s.url, '--out', out, '--limit', '2', '--sql', template]);
    expect(r.code).toBe(0);
    const sql = await fsp.readFile(out.replace(/\.csv$/, '.sql'), 'utf8');
    expect(sql).toBe(
      [
        "UPDATE my_table SET front_contact_id = 'crd_a' WHERE front_contact_id IN ('crd_1', 'crd_2');",
        "UPDATE my_table SET front_contact_id = 'crd_o''c' WHERE front_contact_id IN ('crd_x'', ''y''); DROP TABLE my_table; --');",
        "UPDATE my_table SET front_contact_id = 'crd_c' WHERE front_contact_id IN ('crd_3');",
        '',
      ].join('\n'),
    );
    expect(await fsp.readFile(out, 'utf8')).toBe(
      'legacy_id,contact_id\ncrd_1,crd_a\ncrd_2,crd_a\n"crd_x\', \'y\'); DROP TABLE my_table; --",crd_o\'c\ncrd_3,crd_c\n',
    );
  });
});
