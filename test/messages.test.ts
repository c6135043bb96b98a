/**
 * Messages say what to change first: the clause before ` — ` is an instruction of at most 80 characters (what a
 * Problems-panel row still shows), and the explanation fits the request's method (a write is "not applied", it
 * does not "get the 301 instead of the contact").
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, type Finding } from '../src/core';
import {
  CLAUSE_SEPARATOR,
  FIRST_CLAUSE_MAX,
  chatIdentifyPhoneMessage,
  chatIdentifyWithoutEmailMessage,
  frontChatHandleReadonlyMessage,
  redirectAuthDroppedMessage,
  redirectDisabledMessage,
  redirectMethodChangeMessage,
  teamContactsMessage,
} from '../src/core/rules/messages';
import { DiskSourceHost } from '../src/project/host';
import { createFixtureHost, listFixtureCases, sourceFilesUnder } from './support/fixtures';

const INSTRUCTION = /^(Request|Route|Follow|Pass|Remove|Create) /;
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];
const ROUTES = ['/contacts/:contact_id', '/contacts/:contact_id/notes', '/contacts/:contact_id/conversations', '/contacts/:contact_id/handles/extra/long'];

function checkShape(message: string, where: string): void {
  const at = message.indexOf(CLAUSE_SEPARATOR);
  expect(at, `${where}: "${message}" has a first clause and an explanation`).toBeGreaterThan(0);
  const first = message.slice(0, at);
  expect(first.length, `${where}: first clause "${first}"`).toBeLessThanOrEqual(FIRST_CLAUSE_MAX);
  expect(first, `${where}: first clause says what to do`).toMatch(INSTRUCTION);
  expect(message.slice(at + CLAUSE_SEPARATOR.length).trim().length, `${where}: explanation`).toBeGreaterThan(20);
  expect(message, where).toMatch(/\.$/);
}

/** A write's message never says it "gets … instead of the contact": it is applied or not. */
function checkMethodWording(message: string, method: string | undefined, where: string): void {
  if (method && WRITES.includes(method)) {
    expect(message, where).not.toMatch(/instead of the contact|instead of the answer/);
    expect(message, where).toMatch(new RegExp(`${method} (gets the 301 and |comes back 401 and )?is (silently )?not applied`));
  }
}

describe('message builders, every method and route', () => {
  it('fixed texts', () => {
    for (const m of [teamContactsMessage(), chatIdentifyWithoutEmailMessage(), chatIdentifyPhoneMessage(), frontChatHandleReadonlyMessage()]) checkShape(m, m);
    expect(teamContactsMessage().startsWith('Request /contacts instead of /teams/:team_id/contacts — ')).toBe(true);
  });

  it('contact-redirect-disabled', () => {
    for (const method of [undefined, 'GET', 'HEAD', ...WRITES])
      for (const route of ROUTES)
        for (const followWorks of [false, true]) {
          const m = redirectDisabledMessage({ method, route, why: "redirect: 'manual' turns redirect following off", followWorks });
          const where = `${method} ${route} ${followWorks}`;
          checkShape(m, where);
          checkMethodWording(m, method, where);
        }
    expect(redirectDisabledMessage({ method: 'GET', route: '/contacts/:contact_id', why: 'x', followWorks: false })).toMatch(/gets the 301 instead of the contact\.$/);
    expect(redirectDisabledMessage({ method: 'GET', route: '/contacts/:contact_id/notes', why: 'x', followWorks: true })).toMatch(/^Follow the 301 for GET \/contacts\/:contact_id\/notes — .*instead of the contact's notes\.$/);
    expect(redirectDisabledMessage({ method: 'POST', route: '/contacts/:contact_id/notes', why: 'x', followWorks: false })).toMatch(/the POST gets the 301 and is not applied\.$/);
  });

  it('contact-redirect-method-change and contact-redirect-auth-dropped', () => {
    for (const method of WRITES)
      for (const route of ROUTES) {
        const m = redirectMethodChangeMessage({ method, route, how: 'axios follows it as a GET', auth: ' without the Authorization header' });
        checkShape(m, `${method} ${route}`);
        checkMethodWording(m, method, `${method} ${route}`);
      }
    for (const method of ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'])
      for (const route of ROUTES)
        for (const from of ['api2.frontapp.com', '<company>.api.frontapp.com', 'front-edge.example.com (a passThroughProxies entry)']) {
          const m = redirectAuthDroppedMessage({ method, route, from, locationHost: 'api.frontapp.com', dropsAuth: 'got removes Authorization when the redirect changes origin', retarget: !from.includes('proxies') });
          checkShape(m, `${method} ${route} ${from}`);
          checkMethodWording(m, method, `${method} ${route}`);
        }
  });
});

describe('messages of real findings', () => {
  const methodOf = (f: Finding) => /^(?:Follow the 301 for |Route )(GET|HEAD|POST|PUT|PATCH|DELETE)\b|this (GET|HEAD|POST|PUT|PATCH|DELETE)\b/.exec(f.message)?.slice(1).find(Boolean);

  it('every finding on the fixture corpus and the example app', () => {
    const host = createFixtureHost();
    const findings: Finding[] = [];
    for (const c of listFixtureCases()) findings.push(...analyze(c.inputPath, c.inputText, { host }).findings);
    const example = sourceFilesUnder(path.resolve(__dirname, '..', 'examples', 'legacy-app', 'src'));
    const exampleHost = new DiskSourceHost(example);
    for (const file of example) findings.push(...analyze(file, fs.readFileSync(file, 'utf8'), { host: exampleHost }).findings);
    expect(findings.length).toBeGreaterThan(200);
    const rules = new Set<string>();
    for (const f of findings) {
      const where = `${f.file}:${f.range.start.line} ${f.ruleId}`;
      checkShape(f.message, where);
      checkMethodWording(f.message, methodOf(f), where);
      rules.add(f.ruleId);
    }
    expect(rules.size).toBe(7);
  });
});

describe('action labels say what they do', () => {
  const fixTitle = (code: string) => analyze('/p/src/a.ts', code).findings.map((f) => f.fix?.title);

  it('the team-contacts fix names the text it replaces, as the code (or the URL) reads', () => {
    expect(fixTitle('fetch(`https://api2.frontapp.com/teams/${teamId}/contacts?limit=5`);')).toEqual(['Replace `/teams/${teamId}/contacts` with `/contacts`']);
    expect(fixTitle("fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');")).toEqual(['Replace `/teams/${teamId}/contacts` with `/contacts`']);
    expect(fixTitle("fetch(FRONT + '/teams/' + teamId + '/contacts'); const FRONT = 'https://api2.frontapp.com';")).toEqual(["Replace `'/teams/' + teamId + '/contacts'` with `'/contacts'`"]);
    expect(fixTitle("fetch('https://api2.frontapp.com' + '/teams/' + teamId + '/contacts');")).toEqual(['Replace `/teams/:team_id/contacts` with `/contacts`']);
  });

  it('every fix and suggestion label on the fixture corpus is an instruction with whole quoted text', () => {
    const host = createFixtureHost();
    const titles = new Set<string>();
    for (const c of listFixtureCases())
      for (const f of analyze(c.inputPath, c.inputText, { host }).findings) {
        if (f.fix) titles.add(f.fix.title ?? '(no title)');
        for (const sg of f.suggestions ?? []) titles.add(sg.title);
      }
    expect(titles.size).toBeGreaterThan(10);
    for (const t of titles) {
      expect(t, t).toMatch(/^(Replace|Remove|Wrap|Install|Edit) /);
      for (const [, code] of t.matchAll(/`([^`]*)`/g)) {
        // whole string literals: quotes come in pairs, and a concatenation is quoted at both ends
        const even = [...`'"`].every((q) => code.split(q).length % 2 === 1);
        const concat = /['"]\s*\+|\+\s*['"]/.test(code);
        expect(even && (!concat || (/^['"]/.test(code) && /['"]$/.test(code))), `${t}: \`${code}\` is whole text`).toBe(true);
      }
    }
  });
});
