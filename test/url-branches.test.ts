// Which branch of a URL helper a request takes (src/core/branches.ts): a path goes below the base URL, an absolute
// URL is sent as it is. What a user notices: a `_links` URL on the company host is reported, one on api.frontapp.com
// is not, and a path is judged on the base URL's host — whichever way the helper writes its test.
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/core';

const HELPERS: Record<string, string> = {
  'anchored regex, early return': 'if (/^https?:\\/\\//.test(path)) return path;\n  return BASE + path;',
  'startsWith || startsWith, block': "if (path.startsWith('http://') || path.startsWith('https://')) {\n    return path;\n  }\n  return `${BASE}${path}`;",
  'conditional on a leading slash': "return path.startsWith('/') ? BASE + path : path;",
  'negated case-insensitive regex, else': 'if (!/^HTTPS?:/i.test(path)) return BASE + path;\n  else return path;',
  'absolute first, else-if chain': "if (path.startsWith('https://')) return path;\n  else if (path.startsWith('http://')) throw new Error('insecure');\n  return BASE + path;",
};

function source(body: string): string {
  return [
    "const BASE = 'https://api2.frontapp.com';",
    'function resolve(path: string): string {',
    `  ${body}`,
    '}',
    'export const getContact = (id: string) =>',
    '  fetch(resolve(`/contacts/${id}`));',
    'export const followCompanyLink = (company: string, id: string) =>',
    '  fetch(resolve(`https://${company}.api.frontapp.com/contacts/${id}`));',
    'export const followMainLink = (id: string) =>',
    '  fetch(resolve(`https://api.frontapp.com/contacts/${id}`));',
  ].join('\n');
}

describe('URL helper branches', () => {
  for (const [name, body] of Object.entries(HELPERS)) {
    it(`${name}: the path on api2 and the company link are reported, the api.frontapp.com link is not`, () => {
      const text = source(body);
      const { findings } = analyze('/app/front.ts', text);
      const at = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
      expect(findings.map((f) => `${f.range.start.line} ${f.ruleId}`).sort()).toEqual([
        `${at('fetch(resolve(`/contacts')} contact-redirect-auth-dropped`,
        `${at('fetch(resolve(`https://${company}')} contact-redirect-auth-dropped`,
      ].sort());
    });
  }

  it('an undecidable test keeps the branch that says most about the URL', () => {
    const text = [
      "const BASE = 'https://api2.frontapp.com';",
      'function resolve(path: string, raw: boolean): string {',
      '  if (raw) return path;',
      '  return BASE + path;',
      '}',
      'export const getContact = (id: string, raw: boolean) =>',
      '  fetch(resolve(`/contacts/${id}`, raw));',
    ].join('\n');
    expect(analyze('/app/front.ts', text).findings.map((f) => `${f.range.start.line} ${f.ruleId}`)).toEqual(['7 contact-redirect-auth-dropped']);
  });
});
