// What the extension's engine worker bundles in place of `ts-morph` (scripts/build.mjs, package-vsix.mjs alias it).
// The engine uses one thing from ts-morph, its `ts` export: the TypeScript compiler ts-morph ships as
// @ts-morph/common/dist/typescript.js. Bundling that file alone (the same compiler the CLI loads) leaves out
// ts-morph's project API and @ts-morph/common's helpers, about half of the worker, which V8 would otherwise
// compile at every start before the first diagnostics.
import type { ts as TSNamespace } from 'ts-morph';

// A literal require so esbuild bundles the file; CommonJS, so no interop wrapper around the namespace.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ts: typeof TSNamespace = require('@ts-morph/common/dist/typescript.js');
