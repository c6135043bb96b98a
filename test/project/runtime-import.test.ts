// An import of front-contacts-runtime is never followed into its source, even where it resolves to one (this
// repository's own workspace, a monorepo that vendors the package): its `fetch(…, { redirect: 'manual' })` is
// the safe replay the suggestions route requests through, not a request of the app.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core';
import { DiskSourceHost } from '../../src/project/host';
import { tempProject } from '../support/temp-project';

const json = (v: unknown) => JSON.stringify(v, null, 2);
// A wrapper like the runtime's: it sends with redirect: 'manual' and replays the request itself.
const WRAPPER = "export const withContactRedirects = (f: typeof fetch) => (url: string, init: RequestInit = {}) => f(url, { ...init, redirect: 'manual' });\n";
const app = (pkg: string) =>
  `import { withContactRedirects } from '${pkg}';\nexport const addNote = (id: string) => withContactRedirects(fetch)('https://api2.frontapp.com/contacts/' + id + '/notes', { method: 'POST', body: '{}' });\n`;

function findingsOf(pkgName: string): string[] {
  const dir = tempProject('runtime-import', {
    'package.json': json({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/helper/package.json': json({ name: pkgName, main: 'dist/index.js' }),
    'packages/helper/src/index.ts': WRAPPER,
    'apps/api/notes.ts': app(pkgName),
  });
  const file = path.join(dir, 'apps/api/notes.ts');
  const host = new DiskSourceHost([file]);
  return analyze(file, readFileSync(file, 'utf8'), { host }).findings.map((f) => `${f.range.start.line} ${f.ruleId}`);
}

describe('imports of front-contacts-runtime', () => {
  it('a workspace package of another name is followed: its redirect: manual is reported at the call', () => {
    expect(findingsOf('@acme/front-fetch')).toEqual(['2 contact-redirect-disabled']);
  });

  it('the same code as front-contacts-runtime is the runtime helper: nothing to report', () => {
    expect(findingsOf('front-contacts-runtime')).toEqual([]);
  });
});
