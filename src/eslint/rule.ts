/**
 * One ESLint rule per engine rule: same id, message, fix and suggestions. The rule only translates:
 * the findings come from the engine's analysis of the whole file (file-analysis.ts), filtered to its id.
 */
import type { Rule } from 'eslint';
import * as path from 'node:path';
import { docsUrlFor, type Finding, type TextEdit } from '../core/index';
import type { RuleMeta } from '../core/rules/registry';
import { analyseForLint } from './file-analysis';

/** ESLint's message templates: the engine's sentence, and with its related locations appended. */
export const MESSAGES = {
  finding: '{{ message }}',
  findingWithRelated: '{{ message }} [related: {{ related }}]',
  suggestion: '{{ title }}',
} as const;

/** `file:line:column (what is there)` per related location; the file only when it is another one. */
export function relatedText(finding: Finding, cwd: string): string {
  return (finding.related ?? [])
    .map((r) => {
      const where = `${r.range.start.line}:${r.range.start.column}`;
      const file = r.file === finding.file ? '' : `${displayName(cwd, r.file)}:`;
      return `${file}${where} (${r.message})`;
    })
    .join('; ');
}

function displayName(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** Edits ESLint can apply: all in the linted file (ESLint fixes one file at a time), else none. */
function ownEdits(edits: readonly TextEdit[], file: string): TextEdit[] | undefined {
  return edits.length && edits.every((e) => e.file === file) ? [...edits] : undefined;
}

function fixFrom(edits: TextEdit[]): Rule.ReportFixer {
  return (fixer) => edits.map((e) => fixer.replaceTextRange([e.start, e.end], e.newText));
}

export function createRule(meta: RuleMeta): Rule.RuleModule {
  return {
    meta: {
      type: 'problem',
      docs: { description: meta.description, recommended: true, url: docsUrlFor(meta.id) },
      ...(meta.hasFix ? { fixable: 'code' as const } : {}),
      // A fixable rule offers suggestions too: in a generated file the engine turns its fix into one (core/generated.ts).
      ...(meta.hasSuggestions || meta.hasFix ? { hasSuggestions: true } : {}),
      messages: MESSAGES,
      schema: [],
    },
    create(context) {
      return {
        Program() {
          const { findings } = analyseForLint({ fileName: context.filename, text: context.sourceCode.text, cwd: context.cwd, settings: context.settings });
          for (const f of findings) {
            if (f.ruleId !== meta.id) continue;
            const related = relatedText(f, context.cwd);
            const fix = f.fix && ownEdits(f.fix.edits, f.file);
            const suggestions = (f.suggestions ?? []).flatMap((s) => {
              const edits = ownEdits(s.edits, f.file);
              return edits ? [{ messageId: 'suggestion', data: { title: s.title }, fix: fixFrom(edits) }] : [];
            });
            context.report({
              // The engine's own line/column (1-based columns, ESLint's are 0-based): equal to the CLI's report.
              loc: {
                start: { line: f.range.start.line, column: f.range.start.column - 1 },
                end: { line: f.range.end.line, column: f.range.end.column - 1 },
              },
              messageId: related ? 'findingWithRelated' : 'finding',
              data: { message: f.message, related },
              ...(fix ? { fix: fixFrom(fix) } : {}),
              ...(suggestions.length ? { suggest: suggestions } : {}),
            });
          }
        },
      };
    },
  };
}
