// Packs the extension with `npm run package`'s script and checks what the .vsix holds: only what runs
// in VS Code (two bundles, manifest, README, LICENSE, config schema); no sources, tests, fixtures, maps
// or node_modules; the extension bundle needs nothing but `vscode` and Node built-ins at run time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/core/rules/registry';

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
const names = () => entries.map((e) => e.name);

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
      'extension/media/icon.png',
      'extension/media/walkthrough/fix-all.md',
      'extension/media/walkthrough/legacy-ids.md',
      'extension/media/walkthrough/review.md',
      'extension/media/walkthrough/runtime.md',
      'extension/media/walkthrough/scan.md',
      'extension/media/walkthrough/simulate.md',
      'extension/package.json',
      'extension/schema/front-contacts.config.schema.json',
    ]);
    expect(names.some((n) => /node_modules|\/src\/|\/test\/|\.map$|fixtures|\.ts$/.test(n))).toBe(false);
  });

  it('ships a manifest VS Code can load: main bundle, activation events, commands, settings, capabilities', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    expect(manifest.main).toBe('./dist/extension.js');
    // A JS/TS file, or a JS/TS project at startup (its root files only: no workspace search), so the worker is warm
    // before the first file opens.
    expect(manifest.activationEvents).toEqual([
      'onLanguage:javascript', 'onLanguage:typescript', 'onLanguage:javascriptreact', 'onLanguage:typescriptreact',
      'workspaceContains:package.json', 'workspaceContains:tsconfig.json', 'workspaceContains:jsconfig.json', 'workspaceContains:front-contacts.config.json',
    ]);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual([
      'frontContacts.fixAllInWorkspace',
      'frontContacts.scanWorkspace',
      'frontContacts.showOutput',
      'frontContacts.walkthrough.legacyIds',
      'frontContacts.walkthrough.runtime',
      'frontContacts.walkthrough.simulate',
    ]);
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

  it('is a marketplace-ready preview: icon, changelog, its own README, no npm-only fields in the manifest', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    expect(manifest.preview).toBe(true);
    expect(manifest.version).toMatch(/^0\./); // preview while 0.x
    const icon = entries.find((e) => e.name === `extension/${manifest.icon}`);
    expect(icon, `icon ${manifest.icon} packed`).toBeDefined();
    expect(vsix.subarray(icon!.localHeader + 30 + icon!.name.length).includes(Buffer.from('IHDR'))).toBe(true);
    for (const k of ['bin', 'scripts', 'devDependencies', 'dependencies', 'peerDependencies', 'peerDependenciesMeta', 'workspaces', 'exports', 'files', 'private'])
      expect(manifest[k], `manifest field ${k}`).toBeUndefined();
    expect(manifest.engines).toEqual({ vscode: expect.stringMatching(/^\^1\./) });
    expect(text('extension/changelog.md')).toMatch(/^# Changelog/);
    const readme = text('extension/readme.md');
    expect(readme).toMatch(/^# Front Contacts Migration for VS Code/);
    expect(readme).toContain('"source.fixAll.frontContacts"');
    for (const s of ['frontContacts.enable', 'frontContacts.rules', 'frontContacts.frontBaseUrls', 'frontContacts.run']) expect(readme).toContain(s);
    // vsce points relative images at the repository; each must exist there
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const img of images) {
      expect(img).toMatch(/^https:\/\/github\.com\/front-contacts\/front-contacts\/raw\/HEAD\/media\/screenshots\/[\w-]+\.png$/);
      expect(existsSync(join(root, img.replace(/^.*\/raw\/HEAD\//, ''))), `${img} is in the repository`).toBe(true);
    }
  });

  it('configures rule overrides so a rule added in the Settings editor starts at its default, never off', () => {
    const rules = JSON.parse(text('extension/package.json')).contributes.configuration.properties['frontContacts.rules'];
    const registry = Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity]));
    expect(Object.keys(rules.properties).sort()).toEqual(Object.keys(registry).sort());
    for (const [id, schema] of Object.entries(rules.properties as Record<string, { default: string; enum: string[] }>)) {
      // VS Code's Settings editor proposes `default`, else the first enum value, for a new entry
      expect(schema.default, id).toBe(registry[id]);
      expect(schema.enum[0], id).toBe(registry[id]);
      expect([...schema.enum].sort(), id).toEqual(['error', 'off', 'warning']);
    }
    const baseUrls = JSON.parse(text('extension/package.json')).contributes.configuration.properties['frontContacts.frontBaseUrls'];
    expect(baseUrls.markdownDescription).toMatch(/"frontContacts\.frontBaseUrls": \["https:\/\//);
  });

  it('contributes a migration walkthrough whose every step has packed media and a completion event', () => {
    const manifest = JSON.parse(text('extension/package.json'));
    const [walkthrough] = manifest.contributes.walkthroughs;
    const steps = walkthrough.steps as { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[];
    expect(steps.map((s) => s.id)).toEqual(['scan', 'review', 'fixAll', 'legacyIds', 'runtime', 'simulate']);
    for (const s of steps) {
      expect(names(), s.media.markdown).toContain(`extension/${s.media.markdown}`);
      expect(s.completionEvents.length).toBeGreaterThan(0);
      const link = /\(command:([\w.]+)\)/.exec(s.description)?.[1];
      expect(link, `${s.id} has a command link`).toBeDefined();
    }
    expect(text('extension/media/walkthrough/legacy-ids.md')).toContain('front-contacts legacy-ids');
    expect(text('extension/media/walkthrough/simulate.md')).toContain('front-contacts simulate');
    expect(text('extension/media/walkthrough/simulate.md')).toContain('frontMigrationHandlers');
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
    // TypeScript alone, not ts-morph's project API (src/extension/worker/typescriptOnly.ts): about half the size
    expect(worker).not.toContain('getDescendantsOfKind');
    expect(worker.length).toBeLessThan(4_500_000);
  });
});
