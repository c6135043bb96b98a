/**
 * vitest globalSetup: every test file's temporary folders go into one folder for the run, removed at the end.
 * Tests create them with mkdtempSync(join(tmpdir(), …)); tmpdir() reads TMPDIR, which the test workers and the
 * CLI processes they start inherit from here. Without it, each run left a few thousand folders in /tmp.
 * FRONT_CONTACTS_KEEP_TEMP=1 keeps the folder (its path is printed) to look at after a failure.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'front-contacts-tests-'));
  // Others may pass through (not list): the hardening tests run the CLI as `nobody` on projects in here.
  chmodSync(root, 0o711);
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.FRONT_CONTACTS_KEEP_TEMP === '1') console.log(`temporary files kept in ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
