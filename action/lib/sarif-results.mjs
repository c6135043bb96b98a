// What the action reports about a run, read back from the SARIF file `front-contacts check` wrote: one source
// for the code-scanning upload, the job summary and the pass/fail decision.

/** @returns {{ findings: Finding[], problems: Problem[], errors: number, warnings: number, fixable: number, files: number }} */
export function readSarif(sarif) {
  const run = sarif?.runs?.[0];
  if (!run || !Array.isArray(run.results)) throw new Error('the SARIF file has no run with results');
  const rules = run.tool?.driver?.rules ?? [];
  const findings = run.results.map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const rule = rules.find((x) => x.id === r.ruleId);
    return {
      level: r.level === 'error' ? 'error' : 'warning',
      ruleId: r.ruleId,
      helpUri: rule?.helpUri,
      file: loc?.artifactLocation?.uri ?? '',
      line: loc?.region?.startLine ?? 1,
      column: loc?.region?.startColumn ?? 1,
      message: r.message?.text ?? '',
      fixable: Array.isArray(r.fixes) && r.fixes.length > 0,
    };
  });
  const problems = (run.invocations ?? []).flatMap((inv) =>
    (inv.toolExecutionNotifications ?? []).map((n) => ({
      file: n.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
      line: n.locations?.[0]?.physicalLocation?.region?.startLine,
      message: n.message?.text ?? '',
    })),
  );
  return {
    findings,
    problems,
    errors: findings.filter((f) => f.level === 'error').length,
    warnings: findings.filter((f) => f.level === 'warning').length,
    fixable: findings.filter((f) => f.fixable).length,
    files: new Set(findings.map((f) => f.file)).size,
  };
}

export const FAIL_ON = ['error', 'warning', 'never'];

/**
 * Whether the run fails at the `fail-on` threshold. `error` matches `front-contacts check`'s own exit status
 * (errors and unreadable or unparsable files fail); `warning` fails on any finding; `never` reports only.
 */
export function verdict(counts, failOn) {
  const blocking =
    failOn === 'never' ? [] : [
      [counts.errors, 'error'],
      ...(failOn === 'warning' ? [[counts.warnings, 'warning']] : []),
      [counts.problems, 'file problem'],
    ].filter(([n]) => n > 0);
  if (!blocking.length) return { failed: false, reason: '' };
  const what = blocking.map(([n, word]) => `${n} ${word}${n === 1 ? '' : 's'}`).join(' and ');
  return { failed: true, reason: `${what} at fail-on: ${failOn}` };
}
