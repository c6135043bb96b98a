/**
 * Tokens the parser skips between two top-level statements (`export async` before a misspelled `function`, a
 * stray `#!`) belong to no statement: the statement after them starts after them. A reparse must still parse
 * that text again when an edit or a syntax error is there (src/core/reparse.ts: a region starts where the
 * statement before it ends, not where its first statement starts); otherwise the edit that repairs the typo
 * keeps the old "Declaration or statement expected" and a declaration without its modifiers. Also: a region
 * parsed as a text of its own must not take the doc comment that ends the previous statement's line (`;/** doc`)
 * for JSDoc. These cases come from the random-edit tests (test/incremental*.test.ts) with other seeds, reduced to
 * the versions involved.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeResult, type SourceHost } from '../src/core';
import { errorsOf, reparseSequence, sub } from './support/reparse-sequence';

/** test/fixtures/near-miss/chat-unresolvable-spread.input.ts as it was when the case was found. */
const CHAT = `import { getChatOptions } from '@acme/chat-config';

// The options come from a package we cannot read: they may well carry the email.
export function boot(userId: string) {
  window.FrontChat('init', { ...getChatOptions(), userId });
}
`;

/** test/fixtures/team-contacts-endpoint/fetch-pagination.input.ts as it was when the case was found. */
const PAGINATION = `const FRONT_API = 'https://api2.frontapp.com';

interface Contact {
  id: string;
  name: string | null;
}

interface ContactPage {
  _pagination: { next: string | null };
  _results: Contact[];
}

export async function* teamContacts(teamId: string, token: string): AsyncGenerator<Contact> {
  let pageToken = '';
  do {
    const res = await fetch(\`\${FRONT_API}/teams/\${teamId}/contacts?limit=100&page_token=\${pageToken}\`, { // expect: team-contacts-endpoint
      headers: { Authorization: \`Bearer \${token}\` },
    });
    if (!res.ok) throw new Error(\`Front \${res.status}: \${await res.text()}\`);
    const page = (await res.json()) as ContactPage;
    yield* page._results;
    pageToken = page._pagination.next ? new URL(page._pagination.next).searchParams.get('page_token') ?? '' : '';
  } while (pageToken);
}
`;


const plain = (r: AnalyzeResult): unknown => JSON.parse(JSON.stringify(r));

describe('incremental reparse, tokens skipped between statements', () => {
  it('analysis: repairing `export functio` (with an edit elsewhere) equals a fresh analysis', () => {
    // incremental.test.ts, seed 92 step 1: `functio` → `function` and `window` → `windo` in one edit.
    const fileName = '/virtual/chat-unresolvable-spread.ts';
    const broken = sub(CHAT, 'export function boot', 'export functio boot');
    const repaired = sub(CHAT, 'window.FrontChat', 'windo.FrontChat');
    // The project (parsed files) is kept per host: one host for the incremental sequence, a new one for the fresh analysis.
    const host = (): SourceHost => ({ resolveImport: () => undefined, readFile: () => undefined });
    const options = { host: host() };
    const first = analyze(fileName, broken, options);
    expect(first.problems.map((p) => p.message)).toContain('syntax error: Declaration or statement expected.');
    const inc = analyze(fileName, repaired, options); // same host: the file is reparsed from the broken version
    const fresh = analyze(fileName, repaired, { host: host() });
    expect(fresh.problems).toEqual([]);
    expect(plain(inc)).toEqual(plain(fresh));
  });

  it('reparse: repairing `export async functionteamContacts` drops the error on the skipped `export async`', () => {
    // incremental-reparse.test.ts: the reparse kept a parse error at offset 198 (`export`) that a fresh parse does not have.
    const fileName = '/virtual/fetch-pagination.ts';
    const broken = sub(PAGINATION, 'async function* teamContacts', 'async functionteamContacts');
    expect(errorsOf(fileName, broken)).toContain('Declaration or statement expected.');
    reparseSequence(fileName, [PAGINATION, broken, PAGINATION]);
  });

  it('reparse: an edit elsewhere while tokens are skipped, then the repair', () => {
    const fileName = '/virtual/fetch-pagination.ts';
    const broken = sub(PAGINATION, 'async function* teamContacts', 'async functionteamContacts');
    reparseSequence(fileName, [broken, sub(broken, 'limit=100', 'limit=50'), sub(PAGINATION, 'limit=100', 'limit=50')]);
  });

  it('reparse: a stray `#!` between statements, removed together with an edit further down', () => {
    // A sweep of incremental-reparse.test.ts over more seeds: `#!` on its own line before `export async function`.
    const fileName = '/virtual/stray-hashbang.ts';
    const clean = sub(PAGINATION, '\nexport async function*', '\n\nexport async function*');
    const broken = sub(clean, '\n\nexport async function*', '\n#!\nexport async function*');
    expect(errorsOf(fileName, broken)).toContain("'#!' can only be used at the start of a file.");
    reparseSequence(fileName, [broken, sub(clean, "'page_token'", "'page'")]);
  });

  it('reparse: editing the skipped tokens themselves', () => {
    const fileName = '/virtual/fetch-pagination.ts';
    const broken = sub(PAGINATION, 'async function* teamContacts', 'async functionteamContacts');
    const other = sub(broken, 'export async functionteam', 'export asyn functionteam');
    reparseSequence(fileName, [broken, other, sub(PAGINATION, 'export async', 'export  async'), PAGINATION]);
  });
});

describe('incremental reparse, a doc comment on the line where the statement before ends', () => {
  // Found by a sweep of incremental-reparse.test.ts over more seeds: `;/** doc */` is the trailing comment of the
  // line, not the JSDoc of the next statement; a region parsed from that comment on took it as JSDoc.
  it('gives the tree of a fresh parse when the statement after it is edited', () => {
    const fileName = '/virtual/same-line-doc.ts';
    const a = `import axios from 'axios';/** doc */\n\n\nexport const config = {\n  crm: { baseUrl: process.env.CRM_URL ?? 'x' },\n};\n\nexport function f() {\n  return axios;\n}\n`;
    const b = `const front = axios.create({\n  maxRedirects: 0,\n});/** Links the visitor. */\nexport async function link(contactId: string, visitorId: string) {\n  await front.post(contactId, { visitorId });\n}\n`;
    reparseSequence(fileName, [a, sub(a, 'process.env', 'process.en'), a]);
    reparseSequence(fileName, [b, sub(b, 'string, visitorId', 'string,\n visitorId'), b]);
    reparseSequence(fileName, [a, sub(a, '/** doc */', '/* x\n */ /** doc */'), sub(a, '/** doc */\n', '/** doc */\nlet y = 1;\n')]);
  });
});
