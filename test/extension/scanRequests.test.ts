// Background (workspace scan) requests in the extension's engine worker: an editor request sent after them is
// answered before the ones still queued, and their results are the engine's as for any other request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineClient, type EngineInput } from '../../src/extension/engineClient';
import type { AnalyzeRequest } from '../../src/extension/worker/protocol';

const root = join(__dirname, '..', '..');
const noOptions = { rules: {}, frontBaseUrls: [] };
let dir: string;
let client: EngineClient;

/** A file big enough that its first analysis takes a while: n team-contacts calls. */
function bigFile(n: number, tag: string): string {
  let s = "const FRONT = 'https://api2.frontapp.com';\n";
  for (let i = 0; i < n; i++) s += `export const ${tag}${i} = (t: string) => fetch(FRONT + '/teams/' + t + '/contacts?page=${i}');\n`;
  return s;
}

const background = (fileName: string, text: string): EngineInput & Pick<AnalyzeRequest, 'background'> => ({ fileName, text, options: noOptions, buffers: {}, background: true });

describe('background requests in the engine worker', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fc-scan-worker-'));
    await build({ absWorkingDir: root, entryPoints: ['src/extension/worker/engineWorker.ts'], outfile: join(dir, 'extension-worker.js'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
    client = new EngineClient(join(dir, 'extension-worker.js'));
    // load the engine (TypeScript) first
    await client.analyze({ fileName: join(dir, 'warm.ts'), text: bigFile(1, 'w'), options: noOptions, buffers: {} });
  }, 120_000);
  afterAll(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an editor request overtakes queued scan requests', async () => {
    const order: string[] = [];
    const scan = [1, 2, 3, 4].map((i) =>
      client.analyze(background(join(dir, `scan${i}.ts`), bigFile(1500, `s${i}_`)), `scan${i}`).then((r) => {
        order.push(`scan${i}`);
        return r;
      }),
    );
    const editor = client.analyze({ fileName: join(dir, 'open.ts'), text: bigFile(3, 'e'), options: noOptions, buffers: {} }, 'open').then((r) => {
      order.push('editor');
      return r;
    });
    const [results, open] = await Promise.all([Promise.all(scan), editor]);
    // Without priority it would come last; the scan request already running (or two, if the worker took the
    // second before the editor's arrived) finishes first.
    expect(order.indexOf('editor'), order.join()).toBeLessThanOrEqual(2);
    expect(order.slice(-2), order.join()).toEqual(['scan3', 'scan4']);
    expect(open?.findings.length).toBe(3);
    for (const r of results) expect(r?.findings.map((f) => f.ruleId)).toEqual(Array(1500).fill('team-contacts-endpoint'));
  });

  it('a newer editor request for the same document still cancels a queued background one', async () => {
    const file = join(dir, 'same.ts');
    const first = client.analyze(background(join(dir, 'busy.ts'), bigFile(1500, 'b')), 'busy');
    const queued = client.analyze(background(file, bigFile(2, 'q')), file);
    const editor = client.analyze({ fileName: file, text: bigFile(3, 'q'), options: noOptions, buffers: {} }, file);
    expect(await queued).toBeUndefined();
    expect((await editor)?.findings.length).toBe(3);
    await first;
  });
});
