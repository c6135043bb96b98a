// The package an import names under Deno and CDN conventions: the same client models must apply.
import { describe, expect, it } from 'vitest';
import { packageSpecifier } from '../src/core/module-specifiers';

describe('packageSpecifier', () => {
  it.each([
    ['node:https', 'https'],
    ['npm:axios', 'axios'],
    ['npm:axios@1.7.2', 'axios'],
    ['npm:@pipedream/platform@3.0.0', '@pipedream/platform'],
    ['npm:undici@6/fetch', 'undici/fetch'],
    ['https://esm.sh/ky@1.2.0', 'ky'],
    ['https://esm.sh/v135/got@14.4.0', 'got'],
    ['https://cdn.jsdelivr.net/npm/ofetch@1.4.1/+esm', 'ofetch'],
    ['https://cdn.skypack.dev/superagent?dts', 'superagent'],
    ['https://unpkg.com/@activepieces/pieces-common@0.4.0', '@activepieces/pieces-common'],
  ])('%s names %s', (spec, name) => {
    expect(packageSpecifier(spec)).toBe(name);
  });

  it.each(['axios', './client', '../lib/http.ts', 'https://deno.land/x/request@1.3.2/mod.ts', 'jsr:@std/http', 'npm:'])('%s stays as written', (spec) => {
    expect(packageSpecifier(spec)).toBe(spec);
  });
});
