/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Locations are relative to
 * %SRCROOT% (the working folder, given in originalUriBaseIds); columns are UTF-16 code
 * units like the engine's; safe fixes become SARIF `fixes`; unreadable files become tool
 * execution notifications, since they are not results of a rule.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, InputProblem, Range, RelatedLocation, RuleId, TextEdit } from '../../core/types';
import { RULES, docsUrlFor } from '../../core/rules/registry';
import { lineStarts, offsetToPosition } from '../../core/positions';
import type { CheckReport } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/front-contacts/front-contacts';
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  version: string;
}

type Json = Record<string, unknown>;

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

function artifactLocation(cwd: string, file: string): Json {
  const rel = path.relative(cwd, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file).href };
  return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(range: Range, snippet?: string): Json {
  const r: Json = { startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column };
  if (snippet !== undefined) r.snippet = { text: snippet };
  return r;
}

function physicalLocation(report: CheckReport, file: string, start: number, end: number, range: Range): Json {
  const text = report.textOf(file);
  return { artifactLocation: artifactLocation(report.cwd, file), region: region(range, text?.slice(start, end)) };
}

function fixes(report: CheckReport, f: Finding): Json[] | undefined {
  if (!f.fix || f.fix.edits.length === 0) return undefined;
  const byFile = new Map<string, TextEdit[]>();
  for (const e of f.fix.edits) {
    const list = byFile.get(e.file) ?? [];
    list.push(e);
    byFile.set(e.file, list);
  }
  const artifactChanges = [...byFile].map(([file, edits]) => {
    const text = report.textOf(file);
    const starts = text !== undefined ? lineStarts(text) : undefined;
    return {
      artifactLocation: artifactLocation(report.cwd, file),
      replacements: [...edits]
        .sort((a, b) => a.start - b.start)
        .map((e) => {
          const deletedRegion: Json = { charOffset: e.start, charLength: e.end - e.start };
          if (starts) {
            const s = offsetToPosition(starts, e.start);
            const en = offsetToPosition(starts, e.end);
            Object.assign(deletedRegion, { startLine: s.line, startColumn: s.column, endLine: en.line, endColumn: en.column });
          }
          return { deletedRegion, insertedContent: { text: e.newText } };
        }),
    };
  });
  return [{ description: { text: `Safe fix for ${f.ruleId} (what \`front-contacts fix\` applies).` }, artifactChanges }];
}

function relatedLocations(report: CheckReport, related: readonly RelatedLocation[] | undefined): Json[] | undefined {
  if (!related?.length) return undefined;
  return related.map((r, i) => ({ id: i + 1, physicalLocation: physicalLocation(report, r.file, r.start, r.end, r.range), message: { text: sentence(r.message) } }));
}

function notification(report: CheckReport, p: InputProblem): Json {
  const location: Json = { artifactLocation: artifactLocation(report.cwd, p.file) };
  if (p.range) location.region = region(p.range);
  return { level: 'error', message: { text: sentence(`${path.relative(report.cwd, p.file) || p.file}: ${p.message}`) }, locations: [{ physicalLocation: location }], descriptor: { id: 'FC0001' } };
}

export function buildSarif(report: CheckReport, options: SarifOptions): Json {
  const ruleIndex = new Map<string, number>();
  const rules: Json[] = RULES.map((r, i) => {
    ruleIndex.set(r.id, i);
    return {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: sentence(r.description) },
      fullDescription: { text: sentence(r.description) },
      helpUri: docsUrlFor(r.id),
      help: { text: `${sentence(r.description)} See ${docsUrlFor(r.id)}`, markdown: `${sentence(r.description)} [Documentation](${docsUrlFor(r.id)})` },
      defaultConfiguration: { level: r.defaultSeverity },
      properties: { fixable: r.hasFix, hasSuggestions: r.hasSuggestions },
    };
  });
  const results: Json[] = [];
  const notifications: Json[] = [];
  for (const fr of report.files) {
    for (const p of fr.problems) notifications.push(notification(report, p));
    for (const f of fr.findings) {
      if (!ruleIndex.has(f.ruleId)) {
        // An id the registry does not list (the engine grew a rule): describe it minimally.
        ruleIndex.set(f.ruleId, rules.length);
        rules.push({ id: f.ruleId, name: pascal(f.ruleId), shortDescription: { text: sentence(f.ruleId) }, helpUri: f.docsUrl || docsUrlFor(f.ruleId as RuleId) });
      }
      const result: Json = {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: f.severity === 'error' ? 'error' : 'warning',
        message: { text: sentence(f.message) },
        locations: [{ physicalLocation: physicalLocation(report, f.file, f.start, f.end, f.range) }],
      };
      const related = relatedLocations(report, f.related);
      if (related) result.relatedLocations = related;
      const fx = fixes(report, f);
      if (fx) result.fixes = fx;
      results.push(result);
    }
  }
  const invocation: Json = { executionSuccessful: true };
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'front-contacts',
            version: options.version,
            semanticVersion: options.version,
            informationUri: INFORMATION_URI,
            rules,
            notifications: [{ id: 'FC0001', name: 'FileProblem', shortDescription: { text: 'A file could not be read or parsed.' } }],
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd).href.replace(/\/?$/, '/') } },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(report: CheckReport, options: SarifOptions): string {
  return JSON.stringify(buildSarif(report, options), null, 2) + '\n';
}
