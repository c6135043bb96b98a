/**
 * GitHub Actions workflow commands: one `::error`/`::warning` line per finding, which GitHub
 * shows as an annotation on the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { displayPath, type CheckReport } from '../report';

/** The message part: %, CR and LF are escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: CheckReport): string {
  const out: string[] = [];
  for (const fr of report.files) {
    const file = escapeProperty(displayPath(report.cwd, fr.file));
    for (const p of fr.problems) {
      const at = p.range ? `,line=${p.range.start.line},col=${p.range.start.column}` : '';
      out.push(`::error file=${file}${at},title=${escapeProperty('front-contacts: file problem')}::${escapeData(p.message)}`);
    }
    for (const f of fr.findings) {
      const { start, end } = f.range;
      const props = [`file=${escapeProperty(displayPath(report.cwd, f.file))}`, `line=${start.line}`, `col=${start.column}`, `endLine=${end.line}`, `endColumn=${end.column}`, `title=${escapeProperty(f.ruleId)}`];
      out.push(`::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
