// The job summary of the check step: totals, the verdict, findings per rule, and the findings themselves
// with links to the lines (GitHub renders the summary as Markdown on the run's page).

const MAX_ROWS = 50;

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Table cells: one line, no pipe that would end the cell. */
function cell(text) {
  return String(text).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A link to the line on GitHub when the run says where the code is, else the plain location. */
function locationLink(f, env) {
  const label = `${f.file}:${f.line}:${f.column}`;
  if (!env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY || !env.GITHUB_SHA) return `\`${label}\``;
  const file = f.file.split('/').map(encodeURIComponent).join('/');
  return `[\`${label}\`](${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/${file}#L${f.line})`;
}

export function checkSummary(results, { failOn, verdict, sarifUploaded }, env = process.env) {
  const out = ['## front-contacts check', ''];
  const total = results.errors + results.warnings;
  if (total === 0 && results.problems.length === 0) {
    out.push('✅ No code that breaks with Front\'s contacts migration.', '');
  } else {
    const parts = [plural(results.errors, 'error'), plural(results.warnings, 'warning')];
    if (results.problems.length) parts.push(plural(results.problems.length, 'file problem'));
    out.push(`${verdict.failed ? '❌' : '⚠️'} ${parts.join(', ')} in ${plural(results.files, 'file')}` + (results.fixable ? `; ${results.fixable} fixable with \`front-contacts fix\`.` : '.'), '');
  }
  out.push(verdict.failed ? `This run fails: ${verdict.reason}.` : `Threshold \`fail-on: ${failOn}\`: this run passes.`, '');
  if (sarifUploaded) out.push('Every finding is also uploaded to code scanning (*Security → Code scanning*, category `front-contacts`).', '');

  if (total > 0) {
    const byRule = new Map();
    for (const f of results.findings) {
      const row = byRule.get(f.ruleId) ?? { helpUri: f.helpUri, error: 0, warning: 0, fixable: 0 };
      row[f.level]++;
      if (f.fixable) row.fixable++;
      byRule.set(f.ruleId, row);
    }
    out.push('| Rule | Errors | Warnings | Fixable |', '|---|---:|---:|---:|');
    for (const [id, r] of [...byRule].sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || a[0].localeCompare(b[0]))) {
      out.push(`| ${r.helpUri ? `[\`${id}\`](${r.helpUri})` : `\`${id}\``} | ${r.error} | ${r.warning} | ${r.fixable} |`);
    }
    out.push('', `<details><summary>Findings</summary>`, '', '| | Location | Rule | Message |', '|---|---|---|---|');
    const sorted = [...results.findings].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || a.file.localeCompare(b.file) || a.line - b.line);
    for (const f of sorted.slice(0, MAX_ROWS)) {
      out.push(`| ${f.level === 'error' ? '🔴 error' : '🟡 warning'} | ${locationLink(f, env)} | \`${f.ruleId}\`${f.fixable ? ' (fixable)' : ''} | ${cell(f.message)} |`);
    }
    if (sorted.length > MAX_ROWS) out.push('', `…and ${sorted.length - MAX_ROWS} more: see the SARIF file or code scanning.`);
    out.push('', '</details>', '');
  }
  if (results.problems.length) {
    out.push('**Files that could not be checked**', '');
    for (const p of results.problems) out.push(`- ${cell(p.message)}`);
    out.push('');
  }
  return out.join('\n');
}
