// The reverse import index the engine uses to find what callers pass to a function (an injected client configured in
// another file): the CLI's host builds it from the run's files, the editor's host from the project around the file.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core';
import { DiskSourceHost } from '../../src/project/host';
import { OverlaySourceHost } from '../../src/extension/sourceHost';
import { tempProject } from '../support/temp-project';

const project = (files: Record<string, string>): string => tempProject('importers', files);

const HANDLERS = 'export function make(http) {\n  return { get: (id) => http.get(`/contacts/${id}`) };\n}\n';

describe('importers', () => {
  const dir = project({
    'package.json': '{}',
    'src/handlers.ts': HANDLERS,
    'src/server.ts': "import axios from 'axios';\nimport { make } from './handlers';\nexport const h = make(axios.create({ baseURL: 'https://api2.frontapp.com', maxRedirects: 0 }));\n",
    'src/other.ts': "import { make } from './handlers.js';\n",
    'src/unrelated.ts': "import { x } from './handlers-extra';\n",
    'src/handlers-extra.ts': 'export const x = 1;\n',
    'node_modules/pkg/index.js': "require('../../src/handlers');\n",
  });
  const f = (rel: string) => path.join(dir, rel);

  it('the CLI host lists the run files that import a file (relative, .js specifiers), not packages', () => {
    const known = ['src/handlers.ts', 'src/server.ts', 'src/other.ts', 'src/unrelated.ts', 'src/handlers-extra.ts'].map(f);
    expect(new DiskSourceHost(known).importers(f('src/handlers.ts'))).toEqual([f('src/other.ts'), f('src/server.ts')]);
  });

  it('the editor host, given no file list, finds them in the project around the file', () => {
    expect(new DiskSourceHost().importers(f('src/handlers.ts'))).toEqual([f('src/other.ts'), f('src/server.ts')]);
  });

  it('in the editor, the finding inside the factory uses the client its caller configures', () => {
    const host = new OverlaySourceHost(f('src/handlers.ts'), HANDLERS, {}, new DiskSourceHost());
    const r = analyze(f('src/handlers.ts'), HANDLERS, { host });
    expect(r.findings.map((x) => `${x.range.start.line} ${x.ruleId}`)).toEqual(['2 contact-redirect-disabled']);
  });
});
