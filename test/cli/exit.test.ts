// The launcher exits as soon as the output is written (bin/front-contacts.js, exitOnceWritten): a reader on the
// other end of a pipe that is slower than the CLI still gets every byte, and the exit status is the command's.
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, makeProject } from './helpers';

beforeAll(ensureBuilt, 120_000);

/** Runs the CLI with stdout on a pipe nobody reads for `waitMs`; then reads it all. */
function runWithSlowReader(args: string[], cwd: string, waitMs: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.pause();
    const chunks: Buffer[] = [];
    child.on('error', reject);
    // 'close': the process has exited and its stdout has ended
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => chunks.push(b));
      child.stdout.resume();
    }, waitMs);
  });
}

describe('exit', () => {
  it('hands a slow reader on a pipe the whole report, far more than a pipe holds', async () => {
    const calls = Array.from({ length: 400 }, (_, i) => `export const list${i} = (team: string) => fetch(\`\${FRONT}/teams/\${team}/contacts?page=${i}\`);`);
    const dir = makeProject({ 'src/front.ts': ["const FRONT = 'https://api2.frontapp.com';", ...calls].join('\n') });
    const { code, stdout } = await runWithSlowReader(['check', '--format', 'json'], dir, 1500);
    expect(stdout.length).toBeGreaterThan(256 * 1024); // four times Linux's default pipe buffer
    const report = JSON.parse(stdout) as { findings: unknown[] }[];
    expect(report[0].findings).toHaveLength(400);
    expect(code).toBe(1);
  }, 60_000);
});
