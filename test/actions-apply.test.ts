/**
 * Every action an editor shows for a finding works: on the example app and on the whole fixture corpus, each
 * fix and suggestion applies, the result parses, and the finding it addresses is gone; each "Ignore <rule> for
 * this line / for this file" action does the same by suppressing it. Every redirect finding has at least one.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, type Finding, type SourceHost, type Suggestion } from '../src/core';
import { ignoreActions } from '../src/core/ignore-edits';
import { DiskSourceHost } from '../src/project/host';
import { createFixtureHost, listFixtureCases, sourceFilesUnder, syntaxErrors } from './support/fixtures';

const REDIRECT_RULES = new Set(['contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped']);
const EXAMPLE = path.resolve(__dirname, '..', 'examples', 'legacy-app');

interface Subject {
  file: string;
  text: string;
  host: SourceHost;
}

/** The same file with other text, the rest of the project as the host has it. */
function overlay(host: SourceHost, file: string, text: string): SourceHost {
  return {
    resolveImport: (from, spec) => host.resolveImport(from, spec),
    readFile: (f) => (f === file ? text : host.readFile(f)),
    importers: host.importers ? (f) => host.importers!(f) : undefined,
  };
}

const countOf = (fs: Finding[], rule: string) => fs.filter((f) => f.ruleId === rule).length;

/** Applies one action's edits to the subject's file and checks it parses and that one finding of `rule` is gone. */
function checkAction(s: Subject, findings: Finding[], f: Finding, action: Suggestion, kind: string): void {
  const where = `${path.relative(process.cwd(), s.file)}:${f.range.start.line} ${f.ruleId}: ${kind} "${action.title}"`;
  expect(action.edits.length, where).toBeGreaterThan(0);
  expect(action.edits.every((e) => e.file === s.file), `${where} edits only this file`).toBe(true);
  const out = applyEdits(s.text, action.edits);
  expect(out, `${where} changes the text`).not.toBe(s.text);
  expect(syntaxErrors(s.file, out), `${where} parses:\n${out}`).toEqual([]);
  const after = analyze(s.file, out, { host: overlay(s.host, s.file, out) });
  expect(countOf(after.findings, f.ruleId), `${where} removes the finding:\n${out}`).toBeLessThan(countOf(findings, f.ruleId));
  expect(after.findings.length, `${where} adds no finding:\n${out}`).toBeLessThan(findings.length);
}

/** Checks every action of every finding of the subject; returns the redirect findings and their suggestion titles. */
function checkSubject(s: Subject): Array<{ line: number; rule: string; suggestions: string[] }> {
  const findings = analyze(s.file, s.text, { host: s.host }).findings;
  const ignores = ignoreActions(s.file, s.text, findings);
  const redirects: Array<{ line: number; rule: string; suggestions: string[] }> = [];
  findings.forEach((f, i) => {
    if (f.fix) checkAction(s, findings, f, { title: f.fix.title ?? 'fix', edits: f.fix.edits }, 'fix');
    for (const sug of f.suggestions ?? []) checkAction(s, findings, f, sug, 'suggestion');
    const ignore = ignores[i];
    if (ignore.line) checkAction(s, findings, f, ignore.line, 'ignore line');
    checkAction(s, findings, f, ignore.file, 'ignore file');
    if (REDIRECT_RULES.has(f.ruleId)) {
      expect(!!ignore.line || (f.suggestions ?? []).length > 0, `${s.file}:${f.range.start.line} a redirect finding offers an action besides ignoring the file`).toBe(true);
      redirects.push({ line: f.range.start.line, rule: f.ruleId, suggestions: (f.suggestions ?? []).map((x) => x.title) });
    }
  });
  return redirects;
}

describe('every action applies, parses and removes its finding', () => {
  it('on the example app (and the redirect findings offer these suggestions)', () => {
    const files = sourceFilesUnder(path.join(EXAMPLE, 'src'));
    const host = new DiskSourceHost(files);
    const redirects: string[] = [];
    for (const file of files) {
      for (const r of checkSubject({ file, text: fs.readFileSync(file, 'utf8'), host }))
        redirects.push(`${path.relative(EXAMPLE, file)}:${r.line} ${r.rule}: ${r.suggestions.join(' | ')}`);
    }
    expect(redirects.sort()).toEqual([
      'src/front/FrontClient.ts:53 contact-redirect-auth-dropped: Install installContactRedirects on `this.http` | Replace `api2.frontapp.com` with `api.frontapp.com` (the host Front\'s Location names)',
      'src/front/FrontClient.ts:59 contact-redirect-method-change: Install installContactRedirects on `this.http`',
      'src/front/legacyContact.js:35 contact-redirect-disabled: Wrap `https` with withHttpContactRedirects',
      'src/front/notes.ts:21 contact-redirect-disabled: Wrap `got.extend(…)` with withGotContactRedirects',
      'src/jobs/syncContacts.ts:36 contact-redirect-disabled: Wrap `fetch` with withContactRedirects',
    ]);
  });

  it('on the fixture corpus', () => {
    const host = createFixtureHost();
    let redirectFindings = 0;
    let withSuggestion = 0;
    for (const c of listFixtureCases()) {
      const r = checkSubject({ file: c.inputPath, text: c.inputText, host });
      redirectFindings += r.length;
      withSuggestion += r.filter((x) => x.suggestions.length > 0).length;
    }
    expect(redirectFindings).toBeGreaterThan(50);
    // Close to half of the redirect findings get a real suggestion besides the ignore actions. The rest are requests
    // made through a wrapper in another file, a generated client or a platform helper without a runtime wrapper
    // (n8n, Pipedream, Zapier, Appmixer, Activepieces, superagent): there the message says where to change the code.
    // The example app above checks that every redirect finding of a plain application gets one.
    expect(withSuggestion / redirectFindings).toBeGreaterThan(0.45);
  });
});

describe('a suggestion reused across edits (per-statement analysis)', () => {
  it("wrapping a got instance declared in another statement keeps that statement's later edits", () => {
    const file = '/p/src/notes.ts';
    const v1 =
      "import got from 'got';\n" +
      "const front = got.extend({ prefixUrl: 'https://api2.frontapp.com', retry: { limit: 3 }, followRedirect: false });\n" +
      'export const addNote = (id: string, body: string) => front.post(`contacts/${id}/notes`, { json: { body } });\n';
    const host: SourceHost = { resolveImport: () => undefined, readFile: (f) => (f === file ? v2 : undefined) };
    const v2 = v1.replace('limit: 3', 'limit: 5');
    analyze(file, v1, { host });
    const again = analyze(file, v2, { host }).findings; // the same host: statements of v1 may be reused
    const sug = again.find((f) => f.ruleId === 'contact-redirect-disabled')?.suggestions?.[0];
    expect(sug?.title).toBe('Wrap `got.extend(…)` with withGotContactRedirects');
    const out = applyEdits(v2, sug!.edits);
    expect(out).toContain("const front = withGotContactRedirects(got.extend({ prefixUrl: 'https://api2.frontapp.com', retry: { limit: 5 }, followRedirect: false }));");
  });
});
