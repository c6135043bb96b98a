// Packs the extension with `npm run package`'s script and checks what the .vsix holds: only what runs
// in VS Code (two bundles, manifest, README, LICENSE, config schema); no sources, tests, fixtures, maps
// or node_modules; the extension bundle needs nothing but `vscode` and Node built-ins at run time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** Central directory of a zip file (a .vsix is one). */
function listZip(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localHeader: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readEntry(buf: Buffer, e: ZipEntry): string {
  const h = e.localHeader;
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  return (e.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

const root = join(__dirname, '..', '..');
let dir: string;
let vsix: Buffer;
let entries: ZipEntry[];
const text = (name: string) => readEntry(vsix, entries.find((e) => e.name === name)!);

describe('the .vsix package', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fc-vsix-'));
    const out = join(dir, 'front-contacts.vsix');
    execFileSync(process.execPath, [join(root, 'scripts', 'package-vsix.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
    vsix = readFileSync(out);
    entries = listZip(vsix);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds exactly the files that run in VS Code', () => {
    const names = entries.map((e) => e.name).sort();
    const optional = new Set(['extension/readme.md', 'extension/changelog.md']);
    expect(names.filter((n) => !optional.has(n))).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension-worker.js',
      'extension/dist/extension.js',
      'extension/package.json',
      'extension/schema/front-contacts.config.schema.json',
    ]);
    expect(names.some((n) => /node_modules|\/src\/|\/test\/|\.map$|fixtures|\.ts$/.test(n))).toBe(false);
  });

  it('ships a manifest VS Code can load: main bundle, activation events, commands, settings, capabilities', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toEqual(['onLanguage:javascript', 'onLanguage:typescript', 'onLanguage:javascriptreact', 'onLanguage:typescriptreact']);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual(['frontContacts.fixAllInWorkspace', 'frontContacts.scanWorkspace']);
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual([
      'frontContacts.enable',
      'frontContacts.frontBaseUrls',
      'frontContacts.passThroughProxies',
      'frontContacts.rules',
      'frontContacts.run',
    ]);
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe('limited');
    expect(manifest.files).toBeUndefined(); // vsce refuses `files` next to .vscodeignore
    expect(manifest.dependencies).toBeUndefined();
    expect([manifest.peerDependencies, manifest.workspaces, manifest.exports]).toEqual([undefined, undefined, undefined]); // npm-only fields
  });

  it('bundles everything: the extension needs only vscode and Node built-ins, the worker carries the TypeScript parser', () => {
    // require("name") calls with a module-like name (the parser's own source also contains `require(` in strings).
    const requires = (src: string) =>
      [...new Set([...src.matchAll(/\brequire\((["'])([^"']+)\1\)/g)].map((m) => m[2]))].filter((n) => /^(@[\w.-]+\/)?[\w.:-]+(\/[\w.-]+)*$/.test(n));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const ext = text('extension/dist/extension.js');
    expect(requires(ext).filter((r) => r !== 'vscode' && !builtins.has(r))).toEqual([]);
    expect(ext.length).toBeLessThan(200_000); // activation loads only this file
    const worker = text('extension/dist/extension-worker.js');
    expect(requires(worker).filter((r) => !builtins.has(r))).toEqual([]);
    expect(worker).toContain('createSourceFile');
  });
});
