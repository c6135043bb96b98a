import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileChangedError, writeFileAtomic } from '../../src/project/write';

const dir = () => mkdtempSync(path.join(tmpdir(), 'fc-write-'));

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const d = dir();
    const f = path.join(d, 'a.ts');
    writeFileSync(f, 'old');
    chmodSync(f, 0o640);
    await writeFileAtomic(f, Buffer.from('new'), Buffer.from('old'));
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(d)).toEqual(['a.ts']);
  });

  it('keeps an executable bit', async () => {
    const d = dir();
    const f = path.join(d, 'tool.js');
    writeFileSync(f, '#!/usr/bin/env node\nold');
    chmodSync(f, 0o755);
    await writeFileAtomic(f, Buffer.from('#!/usr/bin/env node\nnew'), Buffer.from('#!/usr/bin/env node\nold'));
    expect(statSync(f).mode & 0o777).toBe(0o755);
  });

  it('refuses to overwrite a file whose content changed since it was read', async () => {
    const d = dir();
    const f = path.join(d, 'a.ts');
    writeFileSync(f, 'edited by the user meanwhile');
    await expect(writeFileAtomic(f, Buffer.from('fixed'), Buffer.from('what we read'))).rejects.toBeInstanceOf(FileChangedError);
    expect(readFileSync(f, 'utf8')).toBe('edited by the user meanwhile');
    expect(readdirSync(d)).toEqual(['a.ts']);
  });

  it('rewrites the target of a symbolic link and keeps the link', async () => {
    const d = dir();
    writeFileSync(path.join(d, 'real.ts'), 'old');
    symlinkSync('real.ts', path.join(d, 'link.ts'));
    await writeFileAtomic(path.join(d, 'link.ts'), Buffer.from('new'), Buffer.from('old'));
    expect(lstatSync(path.join(d, 'link.ts')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(d, 'real.ts'), 'utf8')).toBe('new');
  });
});
