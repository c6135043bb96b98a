/**
 * Bad input on the built bin: every case gets a message naming the file and the reason, the other
 * files are still checked and fixed, nothing is half-written or corrupted, and the exit status is
 * 1 (a file problem), never 2 (2 is for the tool itself failing).
 *
 * Already covered elsewhere, and not repeated here: check on binary / non-UTF-8 / dangling-symlink
 * files and a folder symlink loop (check.test.ts), BOM + CRLF kept by fix and a binary file beside
 * a fixed one (fix.test.ts), a syntax error in check (check.test.ts), a file edited between the
 * engine's fix and the write, in-process (fix-concurrent-edit.test.ts).
 *
 * Races are made deterministic with a --require hook (written per test) that edits or deletes the
 * file at the moment `fix` is about to replace it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, nobodyRunner, read, ROOT, runCli, type RunResult } from './helpers';

beforeAll(ensureBuilt, 120_000);

const TEAM = (name = 'list') => `export const ${name} = (t: string) => fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n`;
const TEAM_FIXED = (name = 'list') => `export const ${name} = (t: string) => fetch('https://api2.frontapp.com/contacts');\n`;

function bytes(dir: string, rel: string): Buffer {
  return readFileSync(path.join(dir, rel));
}

/** Every entry below `dir` (relative paths), to prove no temporary file was left. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      out.push(path.relative(dir, p));
      if (e.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

type Problems = Record<string, string[]>;
/** file -> problem messages, from a json report. */
function problems(r: RunResult): Problems {
  const out: Problems = {};
  for (const f of JSON.parse(r.stdout) as { filePath: string; problems: { message: string }[] }[]) if (f.problems.length) out[path.basename(f.filePath)] = f.problems.map((p) => p.message);
  return out;
}
function ruleHits(r: RunResult): string[] {
  return (JSON.parse(r.stdout) as { filePath: string; findings: { ruleId: string; range: { start: { line: number; column: number } } }[] }[]).flatMap((f) =>
    f.findings.map((x) => `${path.basename(f.filePath)}:${x.range.start.line}:${x.range.start.column} ${x.ruleId}`),
  );
}

/**
 * A --require hook for `fix`: right before the file named FC_HOOK_FILE is replaced (fix resolves its
 * real path first), delete it or write FC_HOOK_CONTENT into it; with FC_HOOK_WHEN=tempfile, do it
 * after the temporary file was created instead (the last check before the rename must catch it).
 */
const HOOK = `
const fs = require('node:fs');
const path = require('node:path');
const name = process.env.FC_HOOK_FILE;
const act = (p) => {
  if (process.env.FC_HOOK_CONTENT === undefined) fs.unlinkSync(p);
  else fs.writeFileSync(p, process.env.FC_HOOK_CONTENT);
};
let done = false;
if (process.env.FC_HOOK_WHEN === 'tempfile') {
  const open = fs.promises.open;
  fs.promises.open = async function (p, ...rest) {
    const handle = await open.call(this, p, ...rest);
    const base = path.basename(String(p));
    if (!done && base.startsWith('.' + name + '.front-contacts-')) {
      done = true;
      act(path.join(path.dirname(String(p)), name));
    }
    return handle;
  };
} else {
  const realpath = fs.promises.realpath;
  fs.promises.realpath = async function (p, ...rest) {
    if (!done && path.basename(String(p)) === name) {
      done = true;
      act(String(p));
    }
    return realpath.call(this, p, ...rest);
  };
}
`;

function withHook(dir: string, env: Record<string, string>): Record<string, string> {
  const hook = path.join(dir, '..', `${path.basename(dir)}-hook.cjs`);
  writeFileSync(hook, HOOK);
  return { NODE_OPTIONS: `--require ${hook}`, ...env };
}

describe('syntax errors', () => {
  it('fix: reports each by file, line, column and reason, still fixes what parsed, fixes the other files, exits 1', async () => {
    const dir = makeProject({
      'broken.ts': `${TEAM()}const = ;\n`,
      'unclosed.ts': "export const list = (t: string) => fetch('https://api2.frontapp.com/teams/' + t + '/contacts'\n",
      'ok.ts': TEAM(),
    });
    const r = await runCli(dir, ['fix']);
    expect(r.stderr).toBe(
      'front-contacts: broken.ts: 2:7: syntax error: Variable declaration expected.\n' +
        "front-contacts: unclosed.ts: 2:1: syntax error: ')' expected.\n" +
        '3 fixed, 3 files changed, 0 remaining\n',
    );
    expect(r.code).toBe(1);
    expect(read(dir, 'broken.ts')).toBe(`${TEAM_FIXED()}const = ;\n`);
    expect(read(dir, 'unclosed.ts')).toBe("export const list = (t: string) => fetch('https://api2.frontapp.com/contacts'\n");
    expect(read(dir, 'ok.ts')).toBe(TEAM_FIXED());
  });
});

describe('a 5 MB minified bundle', () => {
  it('is checked and fixed on one line of 5 MB, next to a normal file', async () => {
    // One line, like a production bundle: functions, objects, URLs, and one deprecated call in the middle.
    const chunks = [
      (i: number) => `var _${i}=function(a,b){return a&&b?a.concat(b):a||b||[]}`,
      (i: number) => `function _${i}(a){for(var b=0,c=a.length;b<c;b++)if(null===a[b])return b;return-1}`,
      (i: number) => `var _${i}={key:"contact${i}",size:${i},list:[1,2,3],ok:!0}`,
      (i: number) => `var _${i}=function(e){return"https://cdn.example.com/"+encodeURIComponent(e)+"?v=${i}"}`,
    ];
    const parts: string[] = [];
    for (let i = 0, len = 0; len < 5 * 1024 * 1024; i++) {
      parts.push(chunks[i % 4](i));
      len += parts[parts.length - 1].length + 1;
    }
    const planted = 'var _team=function(t){return fetch("https://api2.frontapp.com/teams/"+t+"/contacts")}';
    parts.splice(parts.length >> 1, 0, planted);
    const bundle = `!function(){"use strict";${parts.join(';')}}();\n`;
    expect(bundle.length).toBeGreaterThan(5 * 1024 * 1024);
    const dir = makeProject({ 'dist/app.min.js': bundle, 'src/api.ts': TEAM() });

    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(c.code).toBe(1);
    const column = bundle.indexOf('"https://api2.frontapp.com/teams/') + 1;
    expect(ruleHits(c)).toEqual([`app.min.js:1:${column} team-contacts-endpoint`, 'api.ts:1:42 team-contacts-endpoint']);

    const f = await runCli(dir, ['fix']);
    expect([f.code, f.stderr]).toEqual([0, '2 fixed, 2 files changed, 0 remaining\n']);
    expect(read(dir, 'dist/app.min.js')).toBe(bundle.replace(planted, 'var _team=function(t){return fetch("https://api2.frontapp.com/contacts")}'));
    expect(read(dir, 'src/api.ts')).toBe(TEAM_FIXED());
  }, 600_000);
});

describe('files that are not UTF-8 source text', () => {
  it('binary files holding a deprecated URL are reported by reason and left byte-for-byte alone by fix', async () => {
    const url = Buffer.from("fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n");
    const files: Record<string, Buffer> = {
      'png.js': Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]), url]),
      'utf16.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(url.toString('latin1'), 'utf16le')]),
    };
    const dir = makeProject({ ...files, 'ok.ts': TEAM() });
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(c.code).toBe(1);
    expect(problems(c)).toEqual({ 'png.js': ['skipped: binary file'], 'utf16.ts': ['skipped: binary file'] });
    expect(ruleHits(c)).toEqual(['ok.ts:1:42 team-contacts-endpoint']);

    const f = await runCli(dir, ['fix']);
    expect(f.code).toBe(1);
    expect(f.stderr).toBe('front-contacts: png.js: skipped: binary file\nfront-contacts: utf16.ts: skipped: binary file\n1 fixed, 1 file changed, 0 remaining\n');
    for (const [rel, content] of Object.entries(files)) expect(bytes(dir, rel).equals(content)).toBe(true);
    expect(read(dir, 'ok.ts')).toBe(TEAM_FIXED());
  });

  it('a Latin-1 byte in a comment (or any invalid UTF-8) does not hide the file: analysed, findings reported; fix refuses to write it and says why', async () => {
    const url = Buffer.from("fetch('https://api2.frontapp.com/teams/' + t + '/contacts');\n");
    const files: Record<string, Buffer> = {
      'latin1.js': Buffer.concat([Buffer.from('// Caf\xe9\n', 'latin1'), url]),
      'overlong.ts': Buffer.concat([Buffer.from([0x2f, 0x2f, 0xc0, 0xaf, 0x0a]), url]),
      'surrogate.mjs': Buffer.concat([Buffer.from([0x2f, 0x2f, 0xed, 0xa0, 0x80, 0x0a]), url]),
      'truncated.cjs': Buffer.concat([url, Buffer.from([0x2f, 0x2f, 0xe2, 0x82])]),
    };
    const dir = makeProject({ ...files, 'ok.ts': TEAM() });
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(c.code).toBe(1);
    expect(problems(c)).toEqual({});
    expect(ruleHits(c)).toEqual([
      'latin1.js:2:7 team-contacts-endpoint',
      'ok.ts:1:42 team-contacts-endpoint',
      'overlong.ts:2:7 team-contacts-endpoint',
      'surrogate.mjs:2:7 team-contacts-endpoint',
      'truncated.cjs:1:7 team-contacts-endpoint',
    ]);
    const text = await runCli(dir, ['check', 'latin1.js']);
    expect(text.stdout).toContain("> 2 | fetch('https://api2.frontapp.com/teams/' + t + '/contacts');");

    const f = await runCli(dir, ['fix']);
    expect(f.code).toBe(1);
    const refused = 'not written: not valid UTF-8 text (its invalid bytes were read as U+FFFD; writing it would replace them)';
    expect(f.stderr).toBe(
      [
        `front-contacts: latin1.js: ${refused}`,
        `front-contacts: overlong.ts: ${refused}`,
        `front-contacts: surrogate.mjs: ${refused}`,
        `front-contacts: truncated.cjs: ${refused}`,
        `latin1.js:2:7 error ${FINDING_MESSAGE} team-contacts-endpoint`,
        `overlong.ts:2:7 error ${FINDING_MESSAGE} team-contacts-endpoint`,
        `surrogate.mjs:2:7 error ${FINDING_MESSAGE} team-contacts-endpoint`,
        `truncated.cjs:1:7 error ${FINDING_MESSAGE} team-contacts-endpoint`,
        '1 fixed, 1 file changed, 4 remaining',
        '',
      ].join('\n'),
    );
    for (const [rel, content] of Object.entries(files)) expect(bytes(dir, rel).equals(content)).toBe(true);
    expect(read(dir, 'ok.ts')).toBe(TEAM_FIXED());
    // --dry-run shows no diff for them either: it would not be what fix does
    const dry = await runCli(dir, ['fix', '--dry-run', 'latin1.js']);
    expect([dry.code, dry.stdout]).toEqual([1, '']);
    expect(dry.stderr).toContain(`latin1.js: ${refused}`);
  });

  it('a BOM is not counted in columns, shows in no code frame, and stays in place after fix', async () => {
    const dir = makeProject({ 'bom.ts': `\ufeff${TEAM()}` });
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(ruleHits(c)).toEqual(['bom.ts:1:42 team-contacts-endpoint']);
    const text = await runCli(dir, ['check']);
    expect(text.stdout).toContain(`> 1 | ${TEAM().trimEnd()}\n`);
    expect(text.stdout).not.toContain('\ufeff');
    await runCli(dir, ['fix']);
    expect(bytes(dir, 'bom.ts').equals(Buffer.from(`\ufeff${TEAM_FIXED()}`))).toBe(true);
  });
});

describe('line endings', () => {
  it('CRLF: lines a suggestion inserts get CRLF too, so the file stays CRLF throughout', async () => {
    const dir = makeProject({
      'ax.ts':
        "import axios from 'axios';\r\nexport const c = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });\r\nexport const get = (id: string) => c.post(`/contacts/${id}/notes`, {});\r\n",
    });
    const r = await runCli(dir, ['fix', '--suggestions']);
    expect(r.code).toBe(0);
    expect(read(dir, 'ax.ts')).toBe(
      "import axios from 'axios';\r\nimport { installContactRedirects } from 'front-contacts-runtime';\r\nexport const c = axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 });\r\ninstallContactRedirects(c);\r\nexport const get = (id: string) => c.post(`/contacts/${id}/notes`, {});\r\n",
    );
  });

  it('mixed line endings are kept as they are: only the fixed text changes', async () => {
    const before = `// a\r\n${TEAM().trimEnd()}\n// b\r\n// c\n`;
    const dir = makeProject({ 'mixed.ts': before });
    await runCli(dir, ['fix']);
    expect(read(dir, 'mixed.ts')).toBe(`// a\r\n${TEAM_FIXED().trimEnd()}\n// b\r\n// c\n`);
  });
});

describe('files that cannot be read or written', () => {
  /** The bin as `nobody`, for which mode bits apply; skipped, with the reason, where that cannot work. */
  function asNobody(ctx: { skip: (note?: string) => never }) {
    const runner = nobodyRunner();
    if ('skip' in runner) return ctx.skip(runner.skip);
    return (cwd: string, args: string[]) => runner.run(cwd, args);
  }

  it('without read permission: named in check and fix, the rest is checked and fixed; a folder we cannot write to: not written, said so; owner kept', async (ctx) => {
    const runAsNobody = asNobody(ctx);
    const dir = makeProject({ 'src/secret.ts': TEAM(), 'src/ok.ts': CLEAN_ONE, 'locked/api.ts': TEAM(), 'open/api.ts': TEAM() });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'src', 'secret.ts'), 0o000);
    for (const d of ['src', 'locked']) chmodSync(path.join(dir, d), 0o755);
    // writable, so only its folder stops the write
    chmodSync(path.join(dir, 'locked', 'api.ts'), 0o666);
    chmodSync(path.join(dir, 'open'), 0o777);
    chmodSync(path.join(dir, 'open', 'api.ts'), 0o666);
    const c = await runAsNobody(dir, ['check', '--format', 'json']);
    expect(c.code).toBe(1);
    expect(problems(c)).toEqual({ 'secret.ts': ['cannot read: permission denied'] });
    expect(ruleHits(c)).toEqual(['api.ts:1:42 team-contacts-endpoint', 'api.ts:1:42 team-contacts-endpoint']);

    const f = await runAsNobody(dir, ['fix']);
    expect(f.code).toBe(1);
    expect(f.stderr).toBe(
      'front-contacts: src/secret.ts: cannot read: permission denied\n' +
        'front-contacts: locked/api.ts: not written: permission denied (EACCES)\n' +
        `locked/api.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n` +
        '1 fixed, 1 file changed, 1 remaining\n',
    );
    expect(read(dir, 'locked/api.ts')).toBe(TEAM());
    expect(read(dir, 'open/api.ts')).toBe(TEAM_FIXED());
    expect(listing(path.join(dir, 'open'))).toEqual(['api.ts']);
    // written in place: a rename would have made it nobody's
    const st = statSync(path.join(dir, 'open', 'api.ts'));
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, 0, 0o666]);
  });

  it('read-only files (0444) are skipped by fix with a message, mode and owner unchanged, exit 1; the others are fixed', async () => {
    const dir = makeProject({ 'src/ro.ts': TEAM(), 'src/rw.ts': TEAM() });
    const ro = path.join(dir, 'src', 'ro.ts');
    chmodSync(ro, 0o444);
    const before = statSync(ro);
    const f = await runCli(dir, ['fix']);
    expect(f.stderr).toBe(
      'front-contacts: src/ro.ts: skipped: read-only file (no write permission); left as it is\n' +
        `src/ro.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n` +
        '1 fixed, 1 file changed, 1 remaining\n',
    );
    expect(f.code).toBe(1);
    const after = statSync(ro);
    expect([after.ino, after.uid, after.gid, after.mode]).toEqual([before.ino, before.uid, before.gid, before.mode]);
    expect(read(dir, 'src/ro.ts')).toBe(TEAM());
    expect(read(dir, 'src/rw.ts')).toBe(TEAM_FIXED());
    expect(listing(path.join(dir, 'src'))).toEqual(['ro.ts', 'rw.ts']);
  });

  it("someone else's file that this user may not write (0644, in a folder it may write): skipped, owner and mode kept", async (ctx) => {
    const runAsNobody = asNobody(ctx);
    const dir = makeProject({ 'src/theirs.ts': TEAM() });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'src'), 0o777);
    const file = path.join(dir, 'src', 'theirs.ts');
    chmodSync(file, 0o644);
    const f = await runAsNobody(dir, ['fix']);
    expect(f.stderr).toBe(
      'front-contacts: src/theirs.ts: skipped: read-only file (no write permission); left as it is\n' +
        `src/theirs.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n` +
        '0 fixed, 0 files changed, 1 remaining\n',
    );
    expect(f.code).toBe(1);
    const st = statSync(file);
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([0, 0, 0o644]);
    expect(read(dir, 'src/theirs.ts')).toBe(TEAM());
  });

  it('an unreadable folder is reported by name and reason, exit 1; a file named inside it: permission denied, not "no such file"', async (ctx) => {
    const runAsNobody = asNobody(ctx);
    const dir = makeProject({ 'src/locked/inner.ts': TEAM(), 'src/ok.ts': CLEAN_ONE });
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'src'), 0o755);
    chmodSync(path.join(dir, 'src', 'locked'), 0o000);
    const c = await runAsNobody(dir, ['check', '--format', 'json']);
    expect(problems(c)).toEqual({ locked: ['cannot read folder: permission denied'] });
    expect(c.stderr).toBe('front-contacts: src/locked: cannot read folder: permission denied\n');
    expect(c.code).toBe(1);
    const text = await runAsNobody(dir, ['check']);
    expect(text.stdout).toBe('src/locked problem cannot read folder: permission denied\n\n✖ 0 findings (0 errors, 0 warnings), 1 file problem in 1 file checked\n');
    expect(text.code).toBe(1);

    const named = await runAsNobody(dir, ['check', 'src/locked/inner.ts']);
    expect([named.code, named.stdout]).toEqual([1, 'src/locked/inner.ts problem cannot read: permission denied\n\n✖ 0 findings (0 errors, 0 warnings), 1 file problem in 0 files checked\n']);
    expect(named.stderr).not.toContain('no such file');

    const f = await runAsNobody(dir, ['fix']);
    expect(f.stderr).toBe('front-contacts: src/locked: cannot read folder: permission denied\n0 fixed, 0 files changed, 0 remaining\n');
    expect(f.code).toBe(1);
  });

  it('the runner as nobody works even when the checkout sits in a private (0700) folder', async (ctx) => {
    // A checkout cloned as root under /root: copy the built bin there, then ask for a runner from it.
    const privateRoot = mkdtempSync(path.join(tmpdir(), 'fc-private-checkout-'));
    chmodSync(privateRoot, 0o700);
    for (const rel of ['bin/front-contacts.js', 'dist/cli.js', 'dist/cli-worker.js', 'package.json']) {
      mkdirSync(path.dirname(path.join(privateRoot, rel)), { recursive: true });
      cpSync(path.join(ROOT, rel), path.join(privateRoot, rel));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(privateRoot, 'node_modules'));
    const runner = nobodyRunner(privateRoot);
    if ('skip' in runner) return ctx.skip(runner.skip);
    // what the tests did before: run the checkout's own bin, which nobody cannot reach
    const direct = spawnSync(process.execPath, [path.join(privateRoot, 'bin', 'front-contacts.js'), '--version'], { uid: 65534, gid: 65534, encoding: 'utf8' });
    expect(direct.status).not.toBe(0);
    expect(runner.bin.startsWith(privateRoot)).toBe(false);
    const dir = makeProject({ 'api.ts': TEAM() });
    chmodSync(dir, 0o755);
    const c = await runner.run(dir, ['check', '--format', 'json']);
    expect(c.stderr).toBe('');
    expect(ruleHits(c)).toEqual(['api.ts:1:42 team-contacts-endpoint']);
  });

  it('a FIFO named like a source, or a link to one, is skipped with a note and never opened (no hang); a folder named x.ts is walked', async () => {
    const dir = makeProject({ 'src/dir.ts/inner.ts': TEAM(), 'src/ok.ts': CLEAN_ONE });
    execFileSync('mkfifo', [path.join(dir, 'src', 'pipe.ts')]);
    symlinkSync('pipe.ts', path.join(dir, 'src', 'to-pipe.js'));
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(c.stderr).toBe('front-contacts: src/pipe.ts: skipped: not a regular file\nfront-contacts: src/to-pipe.js: skipped: not a regular file\n');
    expect(ruleHits(c)).toEqual(['inner.ts:1:42 team-contacts-endpoint']);
    expect(c.code).toBe(1);
    const named = await runCli(dir, ['check', 'src/pipe.ts', 'src/ok.ts']);
    expect([named.code, named.stderr, named.stdout]).toEqual([0, 'front-contacts: src/pipe.ts: skipped: not a regular file\n', 'No problems found in 1 file.\n']);
    const f = await runCli(dir, ['fix']);
    expect(f.stderr).toBe('front-contacts: src/pipe.ts: skipped: not a regular file\nfront-contacts: src/to-pipe.js: skipped: not a regular file\n1 fixed, 1 file changed, 0 remaining\n');
    expect(statSync(path.join(dir, 'src', 'pipe.ts')).isFIFO()).toBe(true);
    expect(read(dir, 'src/dir.ts/inner.ts')).toBe(TEAM_FIXED());
  });

  it('symbolic link loops between files: each named, nothing hangs, the rest is fixed', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM() });
    symlinkSync('b.ts', path.join(dir, 'src', 'a.ts'));
    symlinkSync('a.ts', path.join(dir, 'src', 'b.ts'));
    symlinkSync('self.js', path.join(dir, 'src', 'self.js'));
    symlinkSync('..', path.join(dir, 'src', 'up'));
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(problems(c)).toEqual({ 'a.ts': ['cannot read: symbolic link loop'], 'b.ts': ['cannot read: symbolic link loop'], 'self.js': ['cannot read: symbolic link loop'] });
    expect(c.code).toBe(1);
    const f = await runCli(dir, ['fix']);
    expect(f.stderr).toBe(
      'front-contacts: src/a.ts: cannot read: symbolic link loop\n' +
        'front-contacts: src/b.ts: cannot read: symbolic link loop\n' +
        'front-contacts: src/self.js: cannot read: symbolic link loop\n' +
        '1 fixed, 1 file changed, 0 remaining\n',
    );
    expect(f.code).toBe(1);
    expect(read(dir, 'src/api.ts')).toBe(TEAM_FIXED());
  });
});

const CLEAN_ONE = "export const contacts = () => fetch('https://api2.frontapp.com/contacts');\n";
const FINDING_MESSAGE = 'Request /contacts instead of /teams/:team_id/contacts — Front deprecated the team-scoped route when contacts became company-wide; it now behaves like /contacts.';

describe('very deep nesting', () => {
  // 20,000 operands chained with `+` (a binary tree 20,000 deep) and 5,000 nested parentheses.
  const plus = `export const contactsUrl = ${Array.from({ length: 20_000 }, (_, i) => `'p${i}'`).join(' + ')};\n${TEAM('plus')}`;
  const parens = `export const contactsUrl = ${'('.repeat(5000)}'x'${')'.repeat(5000)};\n${TEAM('parens')}`;

  it('check: a per-file problem for each, no crash, the other file is checked, exit 1', async () => {
    const dir = makeProject({ 'plus.ts': plus, 'parens.ts': parens, 'ok.ts': TEAM() });
    const c = await runCli(dir, ['check', '--format', 'json']);
    expect(c.code).toBe(1);
    // the parser gives up on 5,000 parentheses: a clear per-file problem; the 20,000-operand chain is
    // analysed like any code, so the Front call written after it is still found
    expect(problems(c)).toEqual({
      'parens.ts': ['not analysed: the code is nested too deeply to parse'],
    });
    expect(ruleHits(c).sort()).toEqual(['ok.ts:1:42 team-contacts-endpoint', 'plus.ts:2:42 team-contacts-endpoint']);
  }, 120_000);

  it('fix: the deep files are left as they are with a message, the other file is fixed, exit 1', async () => {
    const dir = makeProject({ 'plus.ts': plus, 'parens.ts': parens, 'ok.ts': TEAM() });
    const f = await runCli(dir, ['fix']);
    expect(f.stderr).toBe(
      'front-contacts: parens.ts: not analysed: the code is nested too deeply to parse\n' +
        '2 fixed, 2 files changed, 0 remaining\n',
    );
    expect(f.code).toBe(1);
    expect(read(dir, 'plus.ts')).toBe(plus.replace(TEAM('plus'), TEAM_FIXED('plus')));
    expect(read(dir, 'parens.ts')).toBe(parens);
    expect(read(dir, 'ok.ts')).toBe(TEAM_FIXED());
  }, 120_000);
});

describe('a file deleted or changed between read and write', () => {
  it('deleted: fix says so, does not bring it back, fixes the rest, exits 1, leaves no temporary file', async () => {
    const dir = makeProject({ 'a.ts': TEAM(), 'gone.ts': TEAM(), 'z.ts': TEAM() });
    const r = await runCli(dir, ['fix'], withHook(dir, { FC_HOOK_FILE: 'gone.ts' }));
    expect(r.stderr).toBe(`front-contacts: gone.ts: skipped: deleted since it was read\ngone.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n2 fixed, 2 files changed, 1 remaining\n`);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'gone.ts'))).toBe(false);
    expect(listing(dir)).toEqual(['a.ts', 'z.ts']);
    expect([read(dir, 'a.ts'), read(dir, 'z.ts')]).toEqual([TEAM_FIXED(), TEAM_FIXED()]);
  });

  it('deleted while the temporary file was being written: the same, and the temporary file is removed', async () => {
    const dir = makeProject({ 'a.ts': TEAM(), 'gone.ts': TEAM() });
    const r = await runCli(dir, ['fix'], withHook(dir, { FC_HOOK_FILE: 'gone.ts', FC_HOOK_WHEN: 'tempfile' }));
    expect(r.stderr).toBe(`front-contacts: gone.ts: skipped: deleted since it was read\ngone.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n1 fixed, 1 file changed, 1 remaining\n`);
    expect(r.code).toBe(1);
    expect(listing(dir)).toEqual(['a.ts']);
  });

  it.each([['before the write', 'realpath'], ['while the temporary file was being written', 'tempfile']])('changed %s: the user\'s text wins, with a message, exit 1', async (_, when) => {
    const edit = '// saved in an editor meanwhile\n';
    const dir = makeProject({ 'a.ts': TEAM(), 'edited.ts': TEAM() });
    const r = await runCli(dir, ['fix'], withHook(dir, { FC_HOOK_FILE: 'edited.ts', FC_HOOK_CONTENT: edit, FC_HOOK_WHEN: when }));
    expect(r.stderr).toBe(`front-contacts: edited.ts: skipped: changed on disk since it was read\nedited.ts:1:42 error ${FINDING_MESSAGE} team-contacts-endpoint\n1 fixed, 1 file changed, 1 remaining\n`);
    expect(r.code).toBe(1);
    expect(read(dir, 'edited.ts')).toBe(edit);
    expect(read(dir, 'a.ts')).toBe(TEAM_FIXED());
    expect(listing(dir)).toEqual(['a.ts', 'edited.ts']);
  });
});

describe('a file reached through a symbolic link', () => {
  it('is checked once (by its real path), and fix fixes it once: no "changed on disk", exit 0, the link stays a link', async () => {
    const dir = makeProject({ 'src/api.ts': TEAM(), 'lib/only-linked.ts': TEAM('other') });
    symlinkSync('api.ts', path.join(dir, 'src', 'link.ts'));
    symlinkSync(path.join('..', 'lib', 'only-linked.ts'), path.join(dir, 'src', 'a-link.ts'));
    symlinkSync(path.join('..', 'lib', 'only-linked.ts'), path.join(dir, 'src', 'b-link.ts'));
    const c = await runCli(dir, ['check', 'src', '--format', 'json']);
    // the file itself under its own name; a file only linked to, under its first link
    expect(ruleHits(c)).toEqual(['a-link.ts:1:43 team-contacts-endpoint', 'api.ts:1:42 team-contacts-endpoint']);
    expect(c.code).toBe(1);
    const named = await runCli(dir, ['check', 'src/link.ts', 'src/api.ts', '--format', 'json']);
    expect(ruleHits(named)).toEqual(['api.ts:1:42 team-contacts-endpoint']);

    const f = await runCli(dir, ['fix', 'src']);
    expect(f.stderr).toBe('2 fixed, 2 files changed, 0 remaining\n');
    expect(f.code).toBe(0);
    expect(read(dir, 'src/api.ts')).toBe(TEAM_FIXED());
    expect(read(dir, 'lib/only-linked.ts')).toBe(TEAM_FIXED('other'));
    for (const l of ['link.ts', 'a-link.ts', 'b-link.ts']) expect(lstatSync(path.join(dir, 'src', l)).isSymbolicLink()).toBe(true);
  });
});
