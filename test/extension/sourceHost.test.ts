import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OverlaySourceHost, resolveBetweenBuffers } from '../../src/extension/sourceHost';
import { DiskSourceHost } from '../../src/project/host';

let dir: string;
describe('OverlaySourceHost (editor buffers over the disk)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fc-host-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'index.ts'), 'export const A = 1;\n');
    writeFileSync(join(dir, 'consts.ts'), "export const HOST = 'disk';\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the analysed text, then unsaved buffers, then the disk, and records what it read', () => {
    const main = join(dir, 'main.ts');
    const consts = join(dir, 'consts.ts');
    const host = new OverlaySourceHost(main, 'MAIN', {}, new DiskSourceHost());
    expect(host.readFile(main)).toBe('MAIN');
    expect(host.readFile(consts)).toBe("export const HOST = 'disk';\n");
    expect([...host.filesRead].sort()).toEqual([consts, main].sort());
    const withBuffer = new OverlaySourceHost(main, 'MAIN', { [consts]: "export const HOST = 'buffer';\n" }, new DiskSourceHost());
    expect(withBuffer.readFile(consts)).toBe("export const HOST = 'buffer';\n");
    expect(withBuffer.readFile(join(dir, 'missing.ts'))).toBeUndefined();
  });

  it('resolves relative imports on disk with extension and index probing', () => {
    const host = new OverlaySourceHost(join(dir, 'main.ts'), '', {}, new DiskSourceHost());
    expect(host.resolveImport(join(dir, 'main.ts'), './consts')).toBe(join(dir, 'consts.ts'));
    expect(host.resolveImport(join(dir, 'main.ts'), './consts.js')).toBe(join(dir, 'consts.ts'));
    expect(host.resolveImport(join(dir, 'main.ts'), './lib')).toBe(join(dir, 'lib', 'index.ts'));
    expect(host.resolveImport(join(dir, 'main.ts'), 'axios')).toBeUndefined();
  });

  it('resolves between URI-named buffers in virtual workspaces, and reads only buffers there', () => {
    const from = 'vscode-vfs://github/acme/app/src/main.ts';
    const buffers = { 'vscode-vfs://github/acme/app/src/consts.ts': 'X', 'vscode-vfs://github/acme/app/lib/index.tsx': 'Y' };
    const exists = (f: string) => f in buffers;
    expect(resolveBetweenBuffers(from, './consts', exists)).toBe('vscode-vfs://github/acme/app/src/consts.ts');
    expect(resolveBetweenBuffers(from, './consts.js', exists)).toBe('vscode-vfs://github/acme/app/src/consts.ts');
    expect(resolveBetweenBuffers(from, '../lib', exists)).toBe('vscode-vfs://github/acme/app/lib/index.tsx');
    expect(resolveBetweenBuffers(from, 'react', exists)).toBeUndefined();
    const host = new OverlaySourceHost(from, '', buffers, new DiskSourceHost());
    expect(host.resolveImport(from, './consts')).toBe('vscode-vfs://github/acme/app/src/consts.ts');
    expect(host.readFile('vscode-vfs://github/acme/app/src/other.ts')).toBeUndefined();
  });
});
