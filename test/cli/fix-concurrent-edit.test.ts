/**
 * A file saved by the user while `fix` runs must be left alone. The race is made
 * deterministic in-process: the real engine runs, and right after it computed the fix for
 * one file, that file is saved with new content (as an editor would).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const USER_EDIT = '// saved by the user while fix was running\n';

/**
 * The CLI's main() with an engine whose fixText saves edited.ts right after computing its fix. The modules are
 * loaded afresh (test files share a module cache: vitest.config.ts), so main sees this engine.
 */
async function mainWithRacingEditor(): Promise<typeof import('../../src/cli/main').main> {
  vi.resetModules();
  vi.doMock('../../src/cli/engine', async (importOriginal) => {
    const original = await importOriginal<typeof import('../../src/cli/engine')>();
    return {
      ...original,
      loadEngine: async () => {
        const core = await original.loadEngine();
        return {
          ...core,
          fixText: (...args: Parameters<typeof core.fixText>) => {
            const result = core.fixText(...args);
            if (args[0].endsWith('edited.ts')) writeFileSync(args[0], USER_EDIT);
            return result;
          },
        };
      },
    };
  });
  return (await import('../../src/cli/main')).main;
}

const BEFORE = "export const list = (teamId: string) => fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n";

describe('fix and concurrent edits', () => {
  it('skips a file changed on disk since it was read, with a message, and fixes the rest', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fc-race-'));
    writeFileSync(path.join(dir, 'edited.ts'), BEFORE);
    writeFileSync(path.join(dir, 'other.ts'), BEFORE);
    let stderr = '';
    let stdout = '';
    const main = await mainWithRacingEditor();
    const code = await main(['fix'], {
      cwd: dir,
      env: {},
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    expect(stderr).toContain('front-contacts: edited.ts: skipped: changed on disk since it was read\n');
    expect(readFileSync(path.join(dir, 'edited.ts'), 'utf8')).toBe(USER_EDIT);
    expect(readFileSync(path.join(dir, 'other.ts'), 'utf8')).not.toBe(BEFORE);
    expect(stderr).toMatch(/^1 fixed, 1 file changed, 1 remaining\n$/m);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['edited.ts', 'other.ts']);
    vi.doUnmock('../../src/cli/engine');
    vi.resetModules();
  });
});
