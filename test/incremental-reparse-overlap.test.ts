/**
 * TypeScript's own parser, recovering from some broken JSX, gives top-level statements that overlap: in a .tsx file
 * `export function)<await(};` parses into an expression statement 16-25 (`<await(};`) and then an empty statement
 * 24-25 (the same `;` once more). The reparse (src/core/reparse.ts) cannot and must not do better than a parse from
 * scratch there: it gives the same tree. incremental-reparse.test.ts (seed 213 on jsx-inline-handler.input.tsx,
 * step 8, once new fixtures moved the seeds) took that tree for a reparse that lost the order of its statements.
 * These cases pin it with the versions involved, and check that the edits after such a tree (which the reparse
 * starts from) are exact again.
 *
 * Also two reparse bugs a sweep of that test over more seeds found (reduced to the versions involved): old errors
 * read at offsets already moved, and an error the parser reports at the first token of the statement after the
 * one it comes from.
 */
import { describe, expect, it } from 'vitest';
import { parse, parseErrors } from '../src/core/ts';
import { parseFull } from '../src/core/reparse';
import { errorsOf, inOrder, reparseSequence, sub } from './support/reparse-sequence';

/** test/fixtures/team-contacts-endpoint/jsx-inline-handler.input.tsx as it was when the case was found. */
const HANDLER = `import { useState } from 'react';

// An internal admin tool calls Front straight from the click handler.
export function TeamContactsButton({ teamId, token }: { teamId: string; token: string }) {
  const [contacts, setContacts] = useState<unknown[]>([]);
  return (
    <button
      onClick={async () => {
        const res = await fetch(\`https://api2.frontapp.com/teams/\${teamId}/contacts\`, { headers: { Authorization: \`Bearer \${token}\` } }); // expect: team-contacts-endpoint
        setContacts((await res.json())._results);
      }}
    >
      Load {contacts.length}
    </button>
  );
}
`;

/** Step 7 of the case: part of the JSX cut and pasted into the handler's parameter list, a `{` typed in a comment. */
const BROKEN = sub(sub(HANDLER, 'async () => {', 'async (cts.length}\n    </button>\n  );\n}\n) => {'), 'team-contacts-endpoint', 'team-conta{cts-endpoint');
/** Step 8: a span of the text pasted into the function's parameters. */
const OVERLAPPING = sub(BROKEN, 'token }: {', 'token }cts, setContacts] = useState<unknown[]>([]);\n  return (\n    <button\n      onClick={async (cts.length}\n    </but: {');


const ranges = (text: string, fileName: string): string[] => parse(fileName, text).statements.map((s) => `${s.pos}-${s.end}`);

describe('incremental reparse, statements that overlap in a parse from scratch', () => {
  it('TypeScript itself gives overlapping statements for `<await(};` in a .tsx file', () => {
    // Not a property of the reparse: the test below relies on it to reach the case (a TypeScript upgrade may fix it).
    expect(ranges('export function)<await(};', '/virtual/q.tsx')).toEqual(['0-15', '16-25', '24-25']);
    expect(ranges('export function)<await(};', '/virtual/q.ts')).toEqual(['0-15', '16-23', '24-25']);
    const fresh = parseFull('/virtual/jsx-inline-handler.tsx', OVERLAPPING).sf;
    expect(parseErrors(fresh).length).toBeGreaterThan(0);
    expect(inOrder(fresh)).toBe(false);
  });

  it('the reparse of jsx-inline-handler step 8 is the fresh tree, and the edits after it are exact', () => {
    const fileName = '/virtual/jsx-inline-handler.tsx';
    reparseSequence(fileName, [HANDLER, BROKEN, OVERLAPPING]);
    reparseSequence(fileName, [BROKEN, OVERLAPPING, BROKEN, OVERLAPPING, HANDLER]);
    reparseSequence(fileName, [OVERLAPPING, sub(OVERLAPPING, 'teams/', 'team/'), sub(HANDLER, 'teams/', 'team/')]);
  });

  it('edits around overlapping statements in the middle of a file', () => {
    const fileName = '/virtual/overlap.tsx';
    const pad = (tag: string): string => Array.from({ length: 4 }, (_, i) => `export function ${tag}${i}() {\n  return ${i};\n}\n`).join('\n');
    const clean = `${pad('p')}\nexport function f() {}\nfoo();\n${pad('q')}`;
    const broken = sub(clean, 'export function f() {}', 'export function)<await(};');
    expect(inOrder(parseFull(fileName, broken).sf)).toBe(false);
    reparseSequence(fileName, [clean, broken, sub(broken, 'return 1', 'return 5'), sub(clean, 'return 1', 'return 5')]);
    reparseSequence(fileName, [broken, sub(broken, 'foo()', 'bar()'), sub(broken, '(};', '(}; '), clean]);
    reparseSequence(fileName, [broken, sub(broken, '<await(', '<awai('), sub(broken, '<await(', ' await('), clean]);
  });
});

/** test/fixtures/contact-redirect-disabled/axios-defaults-setup-module/contacts.input.ts as it was when the case was found. */
const SYNC = `import axios from 'axios';

export async function syncContact(contactId: string) {
  const { data } = await axios.get(\`/contacts/\${contactId}\`); // expect: contact-redirect-disabled
  await axios.post(\`/contacts/\${contactId}/notes\`, { body: 'synced' }); // expect: contact-redirect-disabled
  return data;
}

export async function listContacts() {
  return (await axios.get('/contacts')).data;
}
`;

/** test/fixtures/chat-identify-without-email/config-mutated-with-userid.input.ts as it was when the case was found. */
const CHAT_CONFIG = `declare const window: { FrontChat?: (cmd: string, options?: Record<string, unknown>) => void };

// Options are assembled step by step; the visitor id is added, the email never is.
export function startChat(member: { id: string; chatHash: string }) {
  const options: Record<string, unknown> = { chatId: 'c0ffee', useDefaultLauncher: false };
  options.userId = member.id;
  options.userHash = member.chatHash;
  window.FrontChat?.('init', options); // expect: chat-identify-without-email
}
`;

describe('incremental reparse, errors kept from the previous tree', () => {
  it('an old error in a region is not kept when a region before it changed length', () => {
    // Sweep seed 1110053 step 59: `#!` deleted and `=>` typed in the first statement at once; the reparse kept
    // "'#!' can only be used at the start of a file" (old offsets read after the statements before had moved).
    const fileName = '/virtual/contacts.ts';
    const broken = sub(SYNC, '}\n\nexport async function listContacts', '}\n#!\nexport async function listContacts');
    reparseSequence(fileName, [broken, sub(SYNC, "'axios'", "'ax=>ios'")]);
    reparseSequence(fileName, [broken, sub(sub(broken, "'axios'", "'ax=>ios'"), '#!', '#!;')]);
    reparseSequence(fileName, [broken, sub(sub(broken, "'axios'", "'x'"), '#!', '')]);
  });

  it('an error at the first token of a statement is parsed again with the statement before it', () => {
    // Sweep seed 2070014 step 33: with the type literal's `}` missing, "Property or signature expected" is reported
    // at `export` (the next statement); an edit in that function reparsed it alone, cleanly, and lost the error.
    const fileName = '/virtual/config-mutated-with-userid.ts';
    const broken = sub(CHAT_CONFIG, '=> void };', '=> void ;');
    expect(errorsOf(fileName, broken)).toEqual(['Property or signature expected.']);
    reparseSequence(fileName, [broken, sub(broken, 'ons.userId = member.id;\n  options.us', ''), CHAT_CONFIG]);
    reparseSequence(fileName, [broken, sub(broken, 'member.chatHash', 'member.hash')]);
  });
});

/** test/fixtures/team-contacts-endpoint/route-table-object.input.ts as it was when the case was found. */
const ROUTES = `const FRONT_BASE_URL = 'https://api2.frontapp.com';

export const FRONT_ROUTES = {
  me: () => '/me',
  teams: () => '/teams',
  teamContacts: (teamId: string) => \`/teams/\${teamId}/contacts\`, // expect: team-contacts-endpoint
  teammateContacts: (teammateId: string) => \`/teammates/\${teammateId}/contacts\`,
  contactGroups: (teamId: string) => \`/teams/\${teamId}/contact_groups\`,
} as const;

async function frontGet<T>(path: string): Promise<T> {
  const res = await fetch(FRONT_BASE_URL + path, {
    headers: { Authorization: \`Bearer \${process.env.FRONT_API_TOKEN}\` },
  });
  if (!res.ok) throw new Error(\`GET \${path} failed with \${res.status}\`);
  return res.json() as Promise<T>;
}

export function listContactsForTeam(teamId: string) {
  return frontGet<{ _results: unknown[] }>(FRONT_ROUTES.teamContacts(teamId));
}
`;

describe('incremental reparse from a tree whose statements TypeScript repeated', () => {
  it('the next text without errors is the fresh tree', () => {
    // Sweep seed 1050229 step 51: `/await /` at top level makes TypeScript parse statements again for top-level
    // await, and its tree repeats them (out of order); the reparse from it kept the repeated statements.
    const fileName = '/virtual/route-table-object.ts';
    const broken = sub(sub(ROUTES, '// expect: team', '/await / expect: team'), '  return res.json()', '  turn res.json()');
    expect(inOrder(parseFull(fileName, broken).sf)).toBe(false);
    reparseSequence(fileName, [broken, sub(ROUTES, "'https://api2.frontapp.com'", "'https://api2.frontapp/${teamId}/contacts`, // expect: tea.com'")]);
    reparseSequence(fileName, [broken, ROUTES]);
  });
});
