// `front-contacts simulate` as users run it: the built bin, a seed file or --migrate flags, two origins on
// 127.0.0.1, and a log line per request saying what the migration did to it.

import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, makeProject, runCli } from './helpers';

beforeAll(async () => {
  await ensureBuilt();
});

interface Running {
  child: ChildProcess;
  api2: string;
  api: string;
  output(): string;
  /** Resolves when the output matches. */
  waitFor(re: RegExp): Promise<string>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
});

async function startCli(cwd: string, args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'simulate', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  const listeners: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners.slice()) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const waitFor = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re} in:\n${out}`)), 20_000);
      const check = () => {
        const m = re.exec(out);
        if (m) {
          clearTimeout(timer);
          listeners.splice(listeners.indexOf(check), 1);
          resolve(m[0]);
        }
      };
      listeners.push(check);
      check();
    });
  await waitFor(/Ctrl-C stops/);
  const api2 = /api2 origin (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  const api = /api origin {2}(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  return { child, api2, api, output: () => out, waitFor };
}

const AUTH = { Authorization: 'Bearer tok' };

describe('front-contacts simulate', () => {
  it('serves api2 and api origins on 127.0.0.1 and logs what each client did with the 301', async () => {
    // A follow-up later than the window is logged as "not followed": on a loaded machine fetch's follow of the
    // 301 took more than 200 ms. 2 s is still short for the "not followed" case below, which waits it out.
    const sim = await startCli(makeProject(), ['--migrate', 'crd_old=crd_new', '--follow-window', '2000']);
    expect(sim.api2).not.toBe(sim.api);

    // fetch: POST turned into GET, Authorization dropped on the origin change.
    const post = await fetch(`${sim.api2}/contacts/crd_old/notes`, { method: 'POST', headers: AUTH, body: '{"body":"hi"}' });
    expect(post.status).toBe(401);
    await sim.waitFor(/POST \/contacts\/crd_old\/notes → 301 → client re-sent GET to the api origin without Authorization → 401: note lost/);

    // redirect: 'manual': not followed.
    const manual = await fetch(`${sim.api2}/contacts/crd_old`, { headers: AUTH, redirect: 'manual' });
    expect(manual.status).toBe(301);
    expect(manual.headers.get('location')).toBe(`${sim.api}/contacts/crd_new`);
    await sim.waitFor(/GET \/contacts\/crd_old → 301 → not followed: the client got the 301/);

    const out = sim.output();
    expect(out).toMatch(/#1 api2 POST \/contacts\/crd_old\/notes → 301 \(crd_old migrated to crd_new; Location http:\/\/127\.0\.0\.1:\d+\/contacts\/crd_new\/notes\)/);
    expect(out).toMatch(/#2 api {2}GET \/contacts\/crd_new\/notes → 401 \(no Authorization\)/);
    sim.child.kill('SIGTERM');
    await new Promise((r) => sim.child.once('exit', r));
    expect(sim.child.exitCode).toBe(0);
  });

  it('takes a seed file (contacts, teams, token, rate limit) plus --migrate, and logs JSON lines', async () => {
    const dir = makeProject();
    writeFileSync(
      path.join(dir, 'seed.json'),
      JSON.stringify({ migrated: { crd_a1: 'crd_a' }, contacts: ['crd_z'], teams: ['tim_1'], token: 'tok', rateLimit: { limit: 3 } }),
    );
    const sim = await startCli(dir, ['--seed', 'seed.json', '--migrate', 'crd_b1=crd_b', '--json']);
    const list = await (await fetch(`${sim.api2}/teams/tim_1/contacts`, { headers: AUTH })).json();
    expect(list._results.map((c: { id: string; _migration?: unknown }) => [c.id, c._migration])).toEqual([
      ['crd_z', undefined],
      ['crd_a', { legacy_ids: ['crd_a1'] }],
      ['crd_b', { legacy_ids: ['crd_b1'] }],
    ]);
    expect((await fetch(`${sim.api2}/contacts`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
    await fetch(`${sim.api2}/contacts`, { headers: AUTH });
    const limited = await fetch(`${sim.api2}/contacts`, { headers: AUTH });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await sim.waitFor(/"effect":\{"kind":"rate-limited"/);
    const lines = sim.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'request', origin: 'api2', method: 'GET', path: '/teams/tim_1/contacts', status: 200, effect: { kind: 'team-contacts', teamId: 'tim_1' } });
  });

  it('prints help, and rejects bad options with exit 2', async () => {
    const dir = makeProject();
    const help = await runCli(dir, ['simulate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('api origin');
    expect(help.stdout).toContain('--migrate OLD=NEW');
    const main = await runCli(dir, ['--help']);
    expect(main.stdout).toContain('simulate');
    const bad = await runCli(dir, ['simulate', '--migrate', 'crd_old']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--migrate takes OLD=NEW');
    const missing = await runCli(dir, ['simulate', '--seed', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read --seed nope.json');
  });
});

describe("check's text summary", () => {
  it('points to the simulator when there are redirect findings, and only then', async () => {
    const withRedirects = makeProject({ 'src/notes.ts': "export const add = (id: string) => fetch(`https://api2.frontapp.com/contacts/${id}/notes`, { method: 'POST', body: '{}' });\n" });
    const r = await runCli(withRedirects, ['check']);
    expect(r.stdout).toContain('contact-redirect-method-change');
    expect(r.stdout).toMatch(/^ {2}See the redirects fail before Front migrates you: `front-contacts simulate` \(https:\/\/\S+#test-before-the-migration\)$/m);
    const teamOnly = makeProject({ 'src/api.ts': "fetch('https://api2.frontapp.com/teams/' + process.env.TEAM + '/contacts');\n" });
    const t = await runCli(teamOnly, ['check']);
    expect(t.stdout).toContain('team-contacts-endpoint');
    expect(t.stdout).not.toContain('front-contacts simulate');
  });
});
