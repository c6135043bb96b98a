/**
 * SARIF output checked by Microsoft's SARIF validator (JSON schema + SARIF rules), on the
 * CLI's real output and on reports with every part the format can carry.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types';
import { offsetToPosition, lineStarts } from '../../src/core/positions';
import { docsUrlFor } from '../../src/core/rules/registry';
import { buildSarif } from '../../src/cli/formats/sarif';
import { countFindings, type CheckReport, type FileReport } from '../../src/cli/report';
import { ensureBuilt, makeProject, read, runCli, validateSarif } from './helpers';

beforeAll(ensureBuilt, 120_000);

type SarifLog = {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> } }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
      fixes?: { artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent: { text: string } }[] }[] }[];
    }[];
  }[];
};

function expectValid(file: string): void {
  const v = validateSarif(file);
  expect(v.deserialised).toBe(true);
  expect(v.issues).toEqual([]);
}

describe('the validator itself', () => {
  it('flags a broken log, so a clean result means something', () => {
    const dir = makeProject({});
    const bad = path.join(dir, 'bad.sarif');
    writeFileSync(bad, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r', message: { text: 'm.' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts' }, region: { startLine: 0 } } }] }] }] }));
    expect(validateSarif(bad).issues.some((i) => i.startsWith('error JSON1008'))).toBe(true);
    const undeserialisable = path.join(dir, 'enum.sarif');
    writeFileSync(undeserialisable, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r', level: 'fatal', message: { text: 'm.' } }] }] }));
    expect(validateSarif(undeserialisable).deserialised).toBe(false);
  });
});

describe('check --format sarif', () => {
  it('is valid with no results and describes every rule with a helpUri', async () => {
    const dir = makeProject({ 'a.ts': 'export const x = 1;\n' });
    const r = await runCli(dir, ['check', '--format', 'sarif', '--output', 'out.sarif']);
    expect(r.code).toBe(0);
    expectValid(path.join(dir, 'out.sarif'));
  });

  it('is valid with unreadable files, which become tool execution notifications', async () => {
    const dir = makeProject({ 'a.ts': 'export const x = 1;\n', 'b.ts': Buffer.from([0, 0, 0]) });
    const r = await runCli(dir, ['check', '--format', 'sarif']);
    expect(r.code).toBe(1);
    writeFileSync(path.join(dir, 'out.sarif'), r.stdout);
    expectValid(path.join(dir, 'out.sarif'));
    const log = JSON.parse(r.stdout) as SarifLog;
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({ level: 'error', message: { text: 'b.ts: skipped: binary file.' } })]);
  });

  // Needs the engine's team-contacts-endpoint finding.
  it('is valid with findings and fixes, with locations relative to %SRCROOT%', async () => {
    const dir = makeProject({ 'src/my api.ts': "const teamId = '1';\nfetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');\n" });
    const r = await runCli(dir, ['check', '--format', 'sarif']);
    expect(r.code).toBe(1);
    writeFileSync(path.join(dir, 'out.sarif'), r.stdout);
    expectValid(path.join(dir, 'out.sarif'));
    const run = (JSON.parse(r.stdout) as SarifLog).runs[0];
    expect(run.tool.driver.name).toBe('front-contacts');
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${dir}/`);
    expect(run.results).toHaveLength(1);
    const res = run.results[0];
    expect(res.ruleId).toBe('team-contacts-endpoint');
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe('team-contacts-endpoint');
    expect(run.tool.driver.rules[res.ruleIndex].helpUri).toBe(docsUrlFor('team-contacts-endpoint'));
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'src/my%20api.ts', uriBaseId: '%SRCROOT%' });
    expect(res.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, endLine: 2 });
    // Applying the SARIF fix gives what `fix` writes.
    const text = read(dir, 'src/my api.ts');
    const reps = [...res.fixes![0].artifactChanges[0].replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset);
    let fixed = text;
    for (const rep of reps) fixed = fixed.slice(0, rep.deletedRegion.charOffset) + rep.insertedContent.text + fixed.slice(rep.deletedRegion.charOffset + rep.deletedRegion.charLength);
    expect(fixed).not.toBe(text);
    expect((await runCli(dir, ['fix'])).code).toBe(0);
    expect(read(dir, 'src/my api.ts')).toBe(fixed);
  });
});

describe('buildSarif', () => {
  it('carries related locations, fixes across files, files outside the working folder, and stays valid', () => {
    const dir = makeProject({});
    const cwd = path.join(dir, 'repo');
    const api = path.join(cwd, 'src', 'ünïcode api.ts');
    const consts = path.join(cwd, 'src', 'consts.ts');
    const outside = path.join(dir, 'elsewhere', 'x.ts');
    const texts: Record<string, string> = {
      [api]: "import { TEAM } from './consts';\r\nfetch(BASE + TEAM + '/contacts');\r\n",
      [consts]: "export const TEAM = '/teams/' + id;\n",
      [outside]: 'fetch(url, { redirect: "manual" });\n',
    };
    const span = (file: string, needle: string) => {
      const start = texts[file].indexOf(needle);
      const starts = lineStarts(texts[file]);
      return { start, end: start + needle.length, range: { start: offsetToPosition(starts, start), end: offsetToPosition(starts, start + needle.length) } };
    };
    const f1: Finding = {
      ruleId: 'team-contacts-endpoint',
      severity: 'error',
      message: 'Team contacts endpoint',
      file: api,
      ...span(api, "BASE + TEAM + '/contacts'"),
      related: [{ file: consts, ...span(consts, "'/teams/' + id"), message: 'the /teams/<id> part comes from here' }],
      fix: { edits: [{ file: consts, ...span(consts, "'/teams/' + id"), newText: "''" }] },
      docsUrl: docsUrlFor('team-contacts-endpoint'),
    };
    const f2: Finding = {
      ruleId: 'contact-redirect-disabled',
      severity: 'warning',
      message: 'Redirects are off.',
      file: outside,
      ...span(outside, 'redirect: "manual"'),
      suggestions: [{ title: 'follow redirects', edits: [{ file: outside, ...span(outside, 'redirect: "manual"'), newText: 'redirect: "follow"' }] }],
      docsUrl: docsUrlFor('contact-redirect-disabled'),
    };
    const files: FileReport[] = [
      { file: api, findings: [f1], problems: [{ file: api, message: 'syntax error: ; expected', range: f1.range }] },
      { file: outside, findings: [f2], problems: [] },
    ];
    const report: CheckReport = { cwd, files, textOf: (f) => texts[f], ...countFindings(files), fileCount: 3 };
    const log = buildSarif(report, { version: '1.2.3' }) as unknown as SarifLog;
    const out = path.join(dir, 'synthetic.sarif');
    writeFileSync(out, JSON.stringify(log, null, 2));
    expectValid(out);
    const [r1, r2] = log.runs[0].results;
    expect(r1.locations[0].physicalLocation.artifactLocation.uri).toBe('src/%C3%BCn%C3%AFcode%20api.ts');
    expect(r1.relatedLocations![0].physicalLocation.artifactLocation.uri).toBe('src/consts.ts');
    expect(r1.fixes![0].artifactChanges[0].artifactLocation.uri).toBe('src/consts.ts');
    expect(r1.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 7, endLine: 2, endColumn: 32, snippet: { text: "BASE + TEAM + '/contacts'" } });
    expect(r2.level).toBe('warning');
    expect(r2.fixes).toBeUndefined(); // suggestions are not safe fixes
    expect(r2.locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${outside}` });
  });
});
