/**
 * action.yml itself: it parses, each script step runs a script that exists, every input a script reads is
 * declared and passed to its step (a composite action's steps get no INPUT_* of their own), every output
 * and step output it names is one a script sets. Then the whole action runs on legacy code the way the
 * runner would run it, `uses:` steps aside: inputs substituted, `if:` conditions evaluated.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers';
import { ACTION_DIR, checkout, dryRunLines, LEGACY_APP, ROOT, runStep, type StepRun } from './runner';

interface Step { name?: string; id?: string; if?: string; uses?: string; run?: string; shell?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION_YML = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
const action = load(ACTION_YML) as Action;
const scriptSteps = action.runs.steps.filter((s) => s.run);

function scriptOf(step: Step): string {
  const m = /^node "\$GITHUB_ACTION_PATH\/action\/([\w-]+\.mjs)"$/.exec(step.run!.trim());
  if (!m) throw new Error(`step "${step.name}" does not run one action/ script: ${step.run}`);
  return m[1];
}

/** A script and the action/lib modules it imports, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+\.mjs)'/g)) closure(path.resolve(path.dirname(file), m[1]), seen);
  return seen;
}

/** What a script reads: inputs (through lib/github.mjs's helpers) and other variables action.yml must pass. */
function reads(script: string): { inputs: Set<string>; env: Set<string>; outputs: Set<string> } {
  const inputs = new Set<string>();
  const env = new Set<string>();
  const outputs = new Set<string>();
  for (const file of closure(path.join(ACTION_DIR, script))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bsetOutput\('([\w-]+)'/g)) outputs.add(m[1]);
    // lib/github.mjs defines the helpers; what it reads itself is the runner's (GITHUB_*, RUNNER_*).
    if (file.endsWith(path.join('lib', 'github.mjs'))) continue;
    for (const m of text.matchAll(/\b(?:input|booleanInput|choiceInput|listInput)\('([\w-]+)'/g)) inputs.add(m[1]);
    if (/\bdryRun\(\)/.test(text)) inputs.add('dry-run');
    for (const m of text.matchAll(/process\.env\.([A-Z_]+)/g)) if (!/^(GITHUB|RUNNER)_/.test(m[1])) env.add(m[1]);
  }
  return { inputs, env, outputs };
}

const inputEnvName = (name: string) => `INPUT_${name.replace(/-/g, '_').toUpperCase()}`;

describe('action.yml', () => {
  it('is a composite action whose script steps run scripts that exist, with a shell', () => {
    expect(action.name).toBe('front-contacts');
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.runs.using).toBe('composite');
    expect(scriptSteps.map(scriptOf)).toEqual(['install-cli.mjs', 'check.mjs', 'review.mjs', 'fix.mjs', 'verdict.mjs']);
    for (const step of scriptSteps) {
      expect(step.shell, step.name).toBe('bash');
      expect(existsSync(path.join(ACTION_DIR, scriptOf(step))), step.name).toBe(true);
    }
  });

  it('every input a script reads is declared and passed to its step, and nothing else is passed', () => {
    for (const step of scriptSteps) {
      const { inputs, env } = reads(scriptOf(step));
      const given = Object.keys(step.env ?? {});
      for (const name of inputs) {
        expect(Object.keys(action.inputs), `${scriptOf(step)} reads input ${name}`).toContain(name);
        expect(step.env?.[inputEnvName(name)], `${step.name} passes ${name}`).toBe(`\${{ inputs.${name} }}`);
      }
      for (const name of env) expect(given, `${step.name} passes ${name}`).toContain(name);
      expect(given.sort()).toEqual([...[...inputs].map(inputEnvName), ...env].sort());
    }
  });

  it('every input is described and used; booleans default to true or false', () => {
    const used = new Set([...ACTION_YML.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]));
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description, name).toBeTruthy();
      expect(used, `input ${name} is never used`).toContain(name);
      if (/^(true|false)$/.test(String(spec.default))) expect(typeof spec.default, `${name}: quote the default`).toBe('string');
    }
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name);
  });

  it('every step output it names is one the step sets; every action output comes from a step', () => {
    const byId = new Map(action.runs.steps.filter((s) => s.id).map((s) => [s.id!, s]));
    const named = [...ACTION_YML.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)];
    expect(named.length).toBeGreaterThan(5);
    for (const [, id, output] of named) {
      const step = byId.get(id);
      expect(step, `no step with id ${id}`).toBeDefined();
      expect([...reads(scriptOf(step!)).outputs], `${id} sets ${output}`).toContain(output);
    }
    for (const [name, spec] of Object.entries(action.outputs)) expect(spec.value, name).toMatch(/^\$\{\{ steps\.[\w-]+\.outputs\.[\w-]+ \}\}$/);
  });

  it('uploads the check step\'s SARIF with codeql-action/upload-sarif, and sets reviewdog up, unless dry-run', () => {
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v4');
    expect(upload.with).toEqual({ sarif_file: '${{ steps.check.outputs.sarif-file }}', category: '${{ inputs.sarif-category }}' });
    expect(upload.if).toBe("inputs.upload-sarif == 'true' && inputs.dry-run != 'true'");
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('reviewdog/action-setup@'))!;
    expect(setup.with).toEqual({ reviewdog_version: '${{ inputs.reviewdog-version }}' });
    expect(setup.if).toContain("inputs.dry-run != 'true'");
  });
});

/** `${{ … }}` and `if:` as the runner reads them, for the few forms action.yml uses. */
class CompositeRun {
  readonly outputs = new Map<string, Record<string, string>>();
  constructor(private readonly inputs: Record<string, string>) {}

  value(expr: string): string {
    expr = expr.trim();
    const literal = /^'(.*)'$/.exec(expr);
    if (literal) return literal[1];
    let m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m) {
      if (!(m[1] in action.inputs)) throw new Error(`unknown input ${m[1]}`);
      return this.inputs[m[1]] ?? String(action.inputs[m[1]].default ?? '');
    }
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return this.outputs.get(m[1])?.[m[2]] ?? '';
    if (expr === 'github.token') return 'ghs_test_token';
    throw new Error(`expression the test cannot evaluate: ${expr}`);
  }

  substitute(text: string): string {
    return text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => this.value(e));
  }

  condition(expr: string | undefined): boolean {
    if (!expr) return true;
    return expr.split('&&').every((part) => {
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(part.trim());
      if (!m) throw new Error(`condition the test cannot evaluate: ${part}`);
      return (this.value(m[1]) === this.value(m[3])) === (m[2] === '==');
    });
  }
}

describe('action.yml, run as a whole (uses: steps aside)', () => {
  beforeAll(ensureBuilt, 180_000);

  async function runAction(inputs: Record<string, string>, env: Record<string, string>): Promise<{ ran: string[]; steps: Map<string, StepRun> }> {
    const { workspace } = checkout({}, LEGACY_APP);
    const run = new CompositeRun(inputs);
    const ran: string[] = [];
    const steps = new Map<string, StepRun>();
    let runnerTemp: string | undefined;
    for (const step of action.runs.steps) {
      if (!step.run || !run.condition(step.if)) continue;
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, run.substitute(v)]));
      // The step's env holds the inputs; runStep's own `inputs` stay empty so nothing undeclared gets through.
      const result = await runStep(scriptOf(step), workspace, { env: { ...env, ...stepEnv }, runnerTemp });
      runnerTemp = result.runnerTemp;
      ran.push(`${scriptOf(step)}:${result.code}`);
      steps.set(scriptOf(step), result);
      if (step.id) run.outputs.set(step.id, result.outputs);
      if (result.code !== 0) break; // the runner stops at a failed step
    }
    return { ran, steps };
  }

  it('on a pull request with review and fix pull request (dry run): every script step runs, the last one fails the job', async () => {
    const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'feature', GITHUB_REPOSITORY: 'acme/app' };
    const { ran, steps } = await runAction({ reviewdog: 'true', fix: 'pull-request', 'dry-run': 'true' }, env);
    expect(ran).toEqual(['install-cli.mjs:0', 'check.mjs:0', 'review.mjs:0', 'fix.mjs:0', 'verdict.mjs:1']);
    expect(steps.get('install-cli.mjs')!.stdout).toContain('(already built)');
    const commands = [...steps.values()].flatMap((s) => dryRunLines(s.stdout));
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['reviewdog -f=rdjson -name=front-contacts', 'gh pr create']);
    expect(commands[1]).toContain('--base feature --head front-contacts/fix-feature');
    expect(steps.get('verdict.mjs')!.stdout).toMatch(/::error::front-contacts found code .* errors at fail-on: error/);
  });

  it('with the default inputs: check and verdict only; fail-on: never lets the job pass', async () => {
    const env = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main' };
    expect((await runAction({}, env)).ran).toEqual(['install-cli.mjs:0', 'check.mjs:0', 'verdict.mjs:1']);
    expect((await runAction({ 'fail-on': 'never' }, env)).ran).toEqual(['install-cli.mjs:0', 'check.mjs:0', 'verdict.mjs:0']);
  });
});
