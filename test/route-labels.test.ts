/**
 * Route labels (src/core/route-labels.ts): a text that only names /teams/<id>/contacts — a query key, a path template
 * for metrics, a logged constant — is reported at most with its request. These cases are edited the way a user edits
 * in the editor (one options object across versions, so statements are reused from the previous version): when the
 * request goes away the label is the only trace left and is reported; when it comes back the label is quiet again.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../src/core';

const FILE = '/p/src/team-contacts.ts';

const KEY = 'export const getListTeamContactsQueryKey = (teamId: string) => [`/teams/${teamId}/contacts`] as const;\n';
const REQUEST =
  'export const listTeamContacts = (teamId: string) => axios.get(`https://api2.frontapp.com/teams/${teamId}/contacts`);\n';
const OTHER_REQUEST = 'export const listInboxes = () => axios.get(`https://api2.frontapp.com/inboxes`);\n';
const HEADER = "import axios from 'axios';\n";

const lines = (text: string, options: AnalyzeOptions = {}) =>
  analyze(FILE, text, options).findings.map((f) => `${f.range.start.line}: ${f.ruleId}`);

describe('route labels', () => {
  it('a query key beside its request is quiet; the request is the finding', () => {
    expect(lines(HEADER + KEY + REQUEST)).toEqual(['3: team-contacts-endpoint']);
  });

  it('a query key with no readable Front request in its file is reported (nothing else points at the route)', () => {
    expect(lines(HEADER + KEY + 'export const front = "https://api2.frontapp.com";\n')).toEqual(['2: team-contacts-endpoint']);
  });

  it('follows edits: the label speaks up when the Front requests go and is quiet again when one comes back', () => {
    const editor: AnalyzeOptions = {};
    expect(lines(HEADER + KEY + REQUEST, editor)).toEqual(['3: team-contacts-endpoint']);
    // the user deletes the request: the key's statement is unchanged, but what decided it has changed
    expect(lines(HEADER + KEY + 'export const front = "https://api2.frontapp.com";\n', editor)).toEqual(['2: team-contacts-endpoint']);
    // another Front request of the file: the key is a label again
    expect(lines(HEADER + KEY + OTHER_REQUEST, editor)).toEqual([]);
    // and after the fix of the request (/contacts), too: fixing leaves no new finding behind
    expect(lines(HEADER + KEY + REQUEST.replace('/teams/${teamId}/contacts', '/contacts'), editor)).toEqual([]);
  });

  it('a constant that is also sent is not a label', () => {
    const text = HEADER +
      "const ROUTE = '/teams/{team_id}/contacts';\n" +
      'export function list(teamId: string) {\n' +
      "  console.info('listing', ROUTE);\n" +
      "  return axios.get('https://api2.frontapp.com' + ROUTE.replace('{team_id}', teamId));\n" +
      '}\n';
    expect(lines(text)).toEqual(['2: team-contacts-endpoint']);
  });

  it('a route passed to an unknown call keeps being reported: it may be sent there', () => {
    const text = HEADER + REQUEST + 'export const other = (teamId: string) => sdk.raw(`/teams/${teamId}/contacts`);\ndeclare const sdk: { raw(u: string): unknown };\n';
    expect(lines(text)).toEqual(['2: team-contacts-endpoint', '3: team-contacts-endpoint']);
  });
});

describe('route labels: keys that are sent', () => {
  it("swr's key goes to its fetcher: an array key given to useSWR stays a finding", () => {
    const text = HEADER + "import useSWR from 'swr';\n" + OTHER_REQUEST +
      'export const useTeamContacts = (teamId: string) =>\n' +
      '  useSWR([`https://api2.frontapp.com/teams/${teamId}/contacts`, teamId], ([url]: [string]) => fetch(url).then((r) => r.json()));\n';
    expect(lines(text)).toEqual(['5: team-contacts-endpoint']);
  });
});

describe('route labels: odd code', () => {
  it('constants defined by each other do not loop', () => {
    const text = HEADER + REQUEST + "const A: string = B;\nconst B: string = A + '/teams/{team_id}/contacts';\nconsole.log(A);\n";
    expect(lines(text)).toContain('2: team-contacts-endpoint');
  });
});
