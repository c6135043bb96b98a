import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFiles, type SourceFile } from '../../src/project/read';

// The CLI reads synchronously (faster for thousands of small files), the editor through the thread pool: both
// must give the same result for every kind of file, in input order, with the same per-file messages.
function corpus(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'fc-read-'));
  const f = (name: string, content: string | Buffer): string => {
    const p = path.join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const files = [
    f('plain.ts', 'export const a = 1;\n'),
    f('bom.ts', '\ufeffconst b = "/contacts/" + id;\n'),
    f('binary.js', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])),
    f('latin1.js', Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0xe9, 0x3b])),
    f('other.js', "import x from './plain';\nfetch('https://example.com');\n"),
    path.join(dir, 'missing.ts'),
  ];
  mkdirSync(path.join(dir, 'folder.ts'));
  files.push(path.join(dir, 'folder.ts'));
  symlinkSync(path.join(dir, 'loop-b.js'), path.join(dir, 'loop-a.js'));
  symlinkSync(path.join(dir, 'loop-a.js'), path.join(dir, 'loop-b.js'));
  files.push(path.join(dir, 'loop-a.js'));
  if (process.getuid?.() !== 0) {
    const locked = f('locked.ts', 'const c = 1;\n');
    chmodSync(locked, 0);
    files.push(locked);
  }
  return files;
}

const byName = (rs: SourceFile[]) => Object.fromEntries(rs.map((r) => [path.basename(r.file), r]));

describe('readSourceFiles', () => {
  it('gives the same files, texts and messages whether it reads synchronously or through the thread pool', async () => {
    const files = corpus();
    const options = {
      hash: true,
      keep: (t: string) => t.includes('/contacts/'),
      summary: (t: string) => (t.includes('import') ? ['./plain'] : []),
      marks: { fetches: (t: string) => t.includes('fetch'), imports: (t: string) => t.includes('import') },
    };
    const pooled = await readSourceFiles(files, 2, options);
    const sync = await readSourceFiles(files, 2, { ...options, sync: true });
    expect(sync).toEqual(pooled);
    expect(sync.map((s) => s.file)).toEqual(files);
    const r = byName(sync);
    expect(r['bom.ts']).toMatchObject({ text: 'const b = "/contacts/" + id;\n', bom: true });
    expect(r['plain.ts'].text).toBeUndefined(); // not kept: only its summary
    expect(r['plain.ts'].dropped).toEqual([]);
    expect(r['other.js']).toMatchObject({ dropped: ['./plain'], marks: { fetches: true, imports: true } });
    expect(r['plain.ts'].marks).toEqual({ fetches: false, imports: false });
    expect(r['bom.ts'].marks).toBeUndefined(); // kept: its text is there to test
    expect(r['binary.js'].problem).toBe('skipped: binary file');
    expect(r['latin1.js'].problem).toBe('skipped: not valid UTF-8 text');
    expect(r['missing.ts'].problem).toMatch(/not found|no such file|ENOENT/i);
    expect(r['folder.ts'].problem).toBe('cannot read: is a directory');
    expect(r['loop-a.js'].problem).toBe('cannot read: symbolic link loop');
    if (r['locked.ts']) expect(r['locked.ts'].problem).toMatch(/permission/i);
  });

  it('reads whole files bigger than the reading buffer, next to small ones, and files whose size says 0 (/proc)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-read-'));
    const big = path.join(dir, 'big.ts');
    const text = `const u = '/contacts/' + id;\n${'// filler line of a large generated file\n'.repeat(20_000)}export {};\n`; // ~840 KB
    writeFileSync(big, text);
    const small = path.join(dir, 'small.ts');
    writeFileSync(small, 'const s = "/contacts/";\n');
    const files = [small, big, small, '/proc/self/status'];
    const keep = { keep: () => true };
    const sync = await readSourceFiles(files, 2, { ...keep, sync: true });
    expect(sync.slice(0, 3).map((r) => r.text)).toEqual([small, big, small].map((f) => readFileSync(f, 'utf8')));
    expect(statSync('/proc/self/status').size).toBe(0);
    expect(sync[1].text).toBe(text);
    expect(sync[3].text).toMatch(/^Name:/); // fstat says 0 bytes: read to the end all the same
    expect(sync.slice(0, 3)).toEqual((await readSourceFiles(files, 2, keep)).slice(0, 3));
  });

  it('reads an empty list in both modes', async () => {
    expect(await readSourceFiles([], 4, { sync: true })).toEqual([]);
    expect(await readSourceFiles([], 4)).toEqual([]);
  });
});
