// The checkpoint file and the part files it commits: what counts as no progress, what is refused, and how a
// resumed output is cut back to what was committed.

import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_TOOL, isEmptyCheckpoint, readCheckpoint, writeCheckpoint, type Checkpoint } from '../../src/legacy-ids/checkpoint';
import { LegacyIdsRunError } from '../../src/legacy-ids/errors';
import { mapWriter } from '../../src/legacy-ids/formats';
import { OutputFile, partPath } from '../../src/legacy-ids/output-files';
import { tempProject } from '../support/temp-project';

let dir: string;
beforeAll(() => {
  dir = tempProject('legacy-ids-checkpoint', {});
});
afterAll(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const checkpoint = (over: Partial<Checkpoint> = {}): Checkpoint => ({
  version: 1,
  tool: CHECKPOINT_TOOL,
  baseUrl: 'https://api2.frontapp.com',
  sqlTemplate: null,
  next: 'https://api2.frontapp.com/contacts?limit=100',
  phase: 'running',
  pages: 0,
  contacts: 0,
  mappings: 0,
  sinks: [{ path: 'map.csv', kind: 'csv', bytes: 21, count: 0 }],
  updatedAt: new Date(0).toISOString(),
  ...over,
});

describe('checkpoint file', () => {
  it('round-trips through an atomic write, creating its folder, leaving no temporary file', async () => {
    const path = join(dir, 'state', 'a.checkpoint.json');
    const cp = checkpoint({ pages: 3, contacts: 300, mappings: 12 });
    await writeCheckpoint(path, cp);
    expect(await readCheckpoint(path)).toEqual(cp);
    expect(await fsp.readdir(join(dir, 'state'))).toEqual(['a.checkpoint.json']);
  });

  it('a missing or empty file is no checkpoint; a run that wrote no page holds no progress', async () => {
    expect(await readCheckpoint(join(dir, 'missing.json'))).toBeUndefined();
    await fsp.writeFile(join(dir, 'empty.json'), ' \n');
    expect(await readCheckpoint(join(dir, 'empty.json'))).toBeUndefined();
    expect(isEmptyCheckpoint(checkpoint())).toBe(true);
    expect(isEmptyCheckpoint(checkpoint({ pages: 1, contacts: 100 }))).toBe(false);
    expect(isEmptyCheckpoint(checkpoint({ phase: 'finishing', next: null }))).toBe(false);
  });

  it('refuses text that is not JSON or not a legacy-ids checkpoint, pointing at --restart', async () => {
    await fsp.writeFile(join(dir, 'garbled.json'), '{"version": 1, "tool"');
    await expect(readCheckpoint(join(dir, 'garbled.json'))).rejects.toThrow(/not valid JSON; remove it or use --restart/);
    await fsp.writeFile(join(dir, 'other.json'), JSON.stringify({ version: 1, tool: 'eslint' }));
    await expect(readCheckpoint(join(dir, 'other.json'))).rejects.toThrow(LegacyIdsRunError);
    await expect(readCheckpoint(join(dir, 'other.json'))).rejects.toThrow(/not a legacy-ids checkpoint/);
  });
});

describe('output part files', () => {
  it('writes to <out>.part, resumes at the committed byte count (dropping what came after), renames when done', async () => {
    const path = join(dir, 'out', 'map.csv');
    const first = new OutputFile(path, 'csv', mapWriter('csv'));
    await first.start();
    const { text, count } = first.writer.entries('crd_a', ['crd_1'], first.count);
    await first.append(text);
    first.count = count;
    await first.sync();
    const committed = first.committed();
    await first.append('crd_orphan,crd_x\n'); // written, never checkpointed
    await first.close();
    await expect(fsp.stat(path)).rejects.toThrow();

    const resumed = new OutputFile(path, 'csv', mapWriter('csv'));
    await resumed.resume(committed, false);
    await resumed.append(resumed.writer.entries('crd_b', ['crd_2'], resumed.count).text);
    await resumed.finish();
    expect(await fsp.readFile(path, 'utf8')).toBe('legacy_id,contact_id\ncrd_1,crd_a\ncrd_2,crd_b\n');
    await expect(fsp.stat(partPath(path))).rejects.toThrow();
  });

  it('refuses to resume a part file that is missing or shorter than committed; a renamed one while finishing is done', async () => {
    const path = join(dir, 'short', 'map.csv');
    const out = new OutputFile(path, 'csv', mapWriter('csv'));
    await expect(out.resume({ path, kind: 'csv', bytes: 10, count: 0 }, false)).rejects.toThrow(/is missing .*use --restart/);
    await out.start();
    await out.close();
    await expect(out.resume({ path, kind: 'csv', bytes: 500, count: 9 }, false)).rejects.toThrow(/has 21 bytes but the checkpoint committed 500/);
    await fsp.rename(partPath(path), path);
    await expect(out.resume({ path, kind: 'csv', bytes: 21, count: 0 }, true)).resolves.toBeUndefined();
  });
});
