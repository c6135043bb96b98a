/**
 * `front-contacts fix [paths…]`: applies every safe fix (and with --suggestions, suggestions
 * too) through the engine's fixText, which refuses output that does not parse. Writes are
 * atomic and skip files edited since we read them; --dry-run prints a unified diff instead.
 */
import type { Finding } from '../core/types';
import { FileChangedError, writeFileAtomic } from '../project/write';
import { BOM } from '../project/read';
import { flag, formatHelp, optionValues, optionValue, parseArgs, type OptionSpec } from './args';
import { loadEngine } from './engine';
import type { Io } from './io';
import { prepareRun } from './project-run';
import { displayPath } from './report';
import { unifiedDiff } from './formats/diff';

export const FIX_OPTIONS: readonly OptionSpec[] = [
  { name: 'suggestions', help: 'also apply suggestions (edits to review), not only safe fixes' },
  { name: 'dry-run', help: 'print a unified diff of the changes to stdout and write nothing' },
  { name: 'rule', value: 'ID=off|warning|error', repeatable: true, help: "set a rule's severity, over the config (off: do not fix it)" },
  { name: 'config', value: 'FILE', help: 'use FILE instead of the nearest front-contacts.config.json / package.json "frontContacts"' },
  { name: 'help', help: 'show this help' },
];

export const FIX_HELP = formatHelp(
  'front-contacts fix [options] [paths…]',
  'Applies the safe fixes for the findings of `front-contacts check`.\n' +
    'Files are written atomically; a file changed on disk while we ran is skipped.\n' +
    'Prints "N fixed, M files changed, K remaining" on stderr.\n' +
    'Exit status: 0 nothing left at error level, 1 findings remain or a file was skipped, 2 usage or internal error.',
  FIX_OPTIONS,
);

/** The engine may insert `\n`; a file written with CRLF throughout stays CRLF throughout. */
export function keepLineEndings(original: string, fixed: string): string {
  const crlf = original.includes('\r\n') && !/(^|[^\r])\n/.test(original);
  return crlf ? fixed.replace(/\r?\n/g, '\r\n') : fixed;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export async function runFix(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv, FIX_OPTIONS);
  if (flag(args, 'help')) {
    io.stdout.write(FIX_HELP);
    return 0;
  }
  const dryRun = flag(args, 'dry-run');
  const suggestions = flag(args, 'suggestions');
  const run = await prepareRun({ cwd: io.cwd, paths: args.positionals, configFile: optionValue(args, 'config'), ruleArgs: optionValues(args, 'rule') });
  const say = (file: string, message: string) => io.stderr.write(`front-contacts: ${displayPath(io.cwd, file)}: ${message}\n`);
  for (const note of run.notes) say(note.file, note.message);

  let trouble = false;
  let internalFailure = false;
  for (const s of run.sources)
    if (s.problem) {
      say(s.file, s.problem);
      trouble = true;
    }

  let fixed = 0;
  let changedFiles = 0;
  const remaining: Finding[] = [];
  if (run.selected.length) {
    const engine = await loadEngine();
    for (const s of run.selected) {
      const text = s.text!;
      let result;
      try {
        result = engine.fixText(s.file, text, { ...run.options, suggestions });
      } catch (e) {
        say(s.file, `internal error while fixing: ${e instanceof Error ? e.message : String(e)}`);
        internalFailure = true;
        continue;
      }
      const left = result.remaining.filter((f) => run.options.rules?.[f.ruleId] !== 'off');
      // Syntax errors and the like: the parts that parsed are still fixed, but the user must know.
      for (const p of result.problems ?? []) {
        say(s.file, p.range ? `${p.range.start.line}:${p.range.start.column}: ${p.message}` : p.message);
        trouble = true;
      }
      // A refused round leaves the output at the last text that parsed (possibly the input).
      if (result.refused) say(s.file, `fix not applied: ${result.refused}`);
      if (result.output === text) {
        remaining.push(...left);
        continue;
      }
      const output = keepLineEndings(text, result.output);
      const prefix = s.bom ? BOM : '';
      if (dryRun) {
        io.stdout.write(unifiedDiff(displayPath(io.cwd, s.file), prefix + text, prefix + output));
      } else {
        try {
          await writeFileAtomic(s.file, Buffer.from(prefix + output, 'utf8'), Buffer.from(prefix + text, 'utf8'));
        } catch (e) {
          say(s.file, e instanceof FileChangedError ? 'skipped: changed on disk since it was read' : `could not write: ${(e as Error).message}`);
          trouble = true;
          // Nothing was applied to this file: what it had is what is left.
          remaining.push(...result.applied, ...left);
          continue;
        }
        // Files analysed later see the fixed text through imports.
        run.host.setText(s.file, output);
      }
      fixed += result.applied.length;
      changedFiles++;
      remaining.push(...left);
    }
  }

  for (const f of remaining)
    io.stderr.write(`${displayPath(io.cwd, f.file)}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.message} ${f.ruleId}\n`);
  io.stderr.write(`${fixed} fixed, ${plural(changedFiles, 'file')} changed, ${remaining.length} remaining${dryRun ? ' (dry run: nothing written)' : ''}\n`);
  if (internalFailure) return 2;
  return trouble || remaining.some((f) => f.severity === 'error') ? 1 : 0;
}
