// The extension's engine worker (src/extension/worker) driven through EngineClient, as the extension
// host drives it: real worker thread, real engine, files on disk plus unsaved-buffer overlays.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/extension/engineClient';

const root = join(__dirname, '..', '..');
const TEAM = "export const list = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";
let dir: string;
let client: EngineClient;
const noOptions = { rules: {}, frontBaseUrls: [] };

describe('engine worker', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-worker-'));
    await build({
      absWorkingDir: root,
      entryPoints: ['src/extension/worker/engineWorker.ts'],
      outfile: join(dir, 'extension-worker.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
      // as scripts/build.mjs bundles it: TypeScript alone in place of ts-morph
      alias: { 'ts-morph': './src/extension/worker/typescriptOnly.ts' },
    });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'constants.ts'), "export const FRONT_API = 'https://api2.frontapp.com';\n");
    writeFileSync(
      join(dir, 'src', 'uses.ts'),
      "import { FRONT_API } from './constants';\nexport const url = (t: string) => `${FRONT_API}/teams/${t}/contacts`;\n",
    );
    client = new EngineClient(join(dir, 'extension-worker.js'));
  }, 120_000);
  afterAll(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the worker on start(), before any request, and reports it ready with its load time in the log', async () => {
    const lines: string[] = [];
    const states: string[] = [];
    const eager = new EngineClient(join(dir, 'extension-worker.js'), { info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) });
    eager.onStateChange = (s) => states.push(s);
    try {
      expect(eager.state).toBe('stopped');
      eager.start();
      expect(eager.state).toBe('starting');
      for (let i = 0; i < 600 && eager.state !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
      expect(states).toEqual(['starting', 'ready']);
      expect(eager.loadMs).toBeGreaterThan(0);
      expect(lines).toEqual([expect.stringMatching(/^info engine worker starting/), expect.stringMatching(/^info engine worker ready in \d+ ms \(TypeScript \d+\.\d+/)]);
      // the started worker answers the first request
      const r = await eager.analyze({ fileName: join(dir, 'src', 'a.ts'), text: TEAM, options: noOptions, buffers: {} });
      expect(r?.findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
    } finally {
      eager.dispose();
    }
  }, 60_000);

  it('analyses text in the worker and returns findings with offsets into that text', async () => {
    const r = await client.analyze({ fileName: join(dir, 'src', 'a.ts'), text: TEAM, options: noOptions, buffers: {} });
    expect(r?.findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
    const f = r!.findings[0];
    expect(TEAM.slice(f.start, f.end)).toBe("'https://api2.frontapp.com/teams/' + teamId + '/contacts'");
  });

  it('passes rule settings through: off hides the rule, warning changes the severity', async () => {
    const input = { fileName: join(dir, 'src', 'a.ts'), text: TEAM, buffers: {} };
    const off = await client.analyze({ ...input, options: { rules: { 'team-contacts-endpoint': 'off' }, frontBaseUrls: [] } });
    expect(off?.findings).toEqual([]);
    const warn = await client.analyze({ ...input, options: { rules: { 'team-contacts-endpoint': 'warning' }, frontBaseUrls: [] } });
    expect(warn?.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('resolves an imported constant from disk, and from an unsaved buffer when one is given', async () => {
    const uses = join(dir, 'src', 'uses.ts');
    const constants = join(dir, 'src', 'constants.ts');
    const text = "import { FRONT_API } from './constants';\nexport const url = (t: string) => `${FRONT_API}/teams/${t}/contacts`;\n";
    const fromDisk = await client.analyze({ fileName: uses, text, options: noOptions, buffers: {} });
    expect(fromDisk?.findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
    expect(fromDisk?.filesRead).toContain(constants);
    const edited = await client.analyze({
      fileName: uses,
      text,
      options: noOptions,
      buffers: { [constants]: "export const FRONT_API = 'https://api.example.com';\n" },
    });
    expect(edited?.findings).toEqual([]);
  });

  it('fixes text with core fixText', async () => {
    const r = await client.fix({ fileName: join(dir, 'src', 'a.ts'), text: TEAM, options: noOptions, buffers: {} });
    expect(r.applied).toBe(1);
    expect(r.output).not.toContain('/teams/');
    expect(r.output).toContain("/contacts'");
  });

  it('answers the latest of a burst of requests for one document with that version, older ones are dropped or answered', async () => {
    const fileName = join(dir, 'src', 'burst.ts');
    const versions = Array.from({ length: 20 }, (_, i) => (i === 19 ? TEAM : `export const v${i} = ${i};\n`));
    const results = await Promise.all(versions.map((text) => client.analyze({ fileName, text, options: noOptions, buffers: {} }, 'burst')));
    expect(results[19]?.findings.map((f) => f.ruleId)).toEqual(['team-contacts-endpoint']);
    for (const r of results.slice(0, 19)) if (r) expect(r.findings).toEqual([]);
    expect(client.inFlight).toBe(0);
  });
});
