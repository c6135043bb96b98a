// Words for what `front-contacts fix --format json` did: the commit message body, the pull request body and
// the job summary say the same thing.
import * as path from 'node:path';

function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}

/** Files relative to the repository root, with forward slashes (as git and GitHub show them). */
export function relativeFile(root, file) {
  return path.relative(root, file).split(path.sep).join('/');
}

export function fixTotals(report) {
  return `${plural(report.fixed, 'fix', 'fixes')} in ${plural(report.changed.length, 'file')} by \`front-contacts fix\``;
}

/** The findings `fix` left (no safe fix), per rule, for a human to handle. */
function remainingByRule(report) {
  const byRule = new Map();
  for (const u of report.unfixable) for (const f of u.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  return [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function pullRequestBody(report, root, { docsUrl, runUrl }) {
  const lines = [
    `This pull request applies ${fixTotals(report)}: the safe fixes for code that breaks when Front migrates team contacts to company-wide contacts (see [the rules](${docsUrl})).`,
    '',
    '| File | Fixes |',
    '|---|---:|',
    ...report.changed.map((c) => `| \`${relativeFile(root, c.filePath)}\` | ${c.fixed} |`),
    '',
  ];
  const remaining = remainingByRule(report);
  if (remaining.length) {
    lines.push('**Left for a human** (no safe automatic fix; `front-contacts fix --suggestions` offers edits to review for the redirect rules):', '');
    for (const [rule, n] of remaining) lines.push(`- \`${rule}\`: ${n}`);
    lines.push('');
  }
  if (report.skipped.length) {
    lines.push('**Not written**:', '');
    for (const s of report.skipped) lines.push(`- \`${relativeFile(root, s.filePath)}\`: ${s.reason}`);
    lines.push('');
  }
  if (runUrl) lines.push(`Opened by the front-contacts GitHub Action in [this run](${runUrl}).`);
  return lines.join('\n');
}

export function fixSummary(report, root, outcome) {
  const lines = ['### front-contacts fix', ''];
  if (!report.changed.length) return [...lines, 'Nothing to fix: no finding here has a safe fix.', ''].join('\n');
  lines.push(`${fixTotals(report)}: ${outcome}.`, '');
  for (const c of report.changed) lines.push(`- \`${relativeFile(root, c.filePath)}\`: ${plural(c.fixed, 'fix', 'fixes')}`);
  const remaining = remainingByRule(report);
  if (remaining.length) lines.push('', `Left for a human: ${remaining.map(([rule, n]) => `${n} \`${rule}\``).join(', ')}.`);
  return lines.join('\n') + '\n';
}
