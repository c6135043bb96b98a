/**
 * README's "GitHub Action" section stays true to action.yml: its workflows parse, pass only inputs the action
 * declares and ask for the permissions the features they turn on need; its inputs table and outputs list are
 * the action's.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './runner';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = /^## GitHub Action\n([\s\S]*?)^## /m.exec(README)![1];
const action = load(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };

interface Workflow { permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> }

describe('README, GitHub Action', () => {
  const workflows = [...SECTION.matchAll(/^```yaml\n([\s\S]*?)^```/gm)].map((m) => load(m[1]) as Workflow);

  it('has workflows that use the action with declared inputs and the permissions their features need', () => {
    expect(workflows.length).toBe(2);
    for (const wf of workflows) {
      const steps = Object.values(wf.jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('front-contacts/front-contacts@'));
      expect(steps).toHaveLength(1);
      const given = Object.fromEntries(Object.entries(steps[0].with ?? {}).map(([k, v]) => [k, String(v)]));
      for (const name of Object.keys(given)) expect(Object.keys(action.inputs), name).toContain(name);
      const value = (name: string) => given[name] ?? String(action.inputs[name].default ?? '');
      const needs: Record<string, string> = {};
      if (value('upload-sarif') === 'true') needs['security-events'] = 'write';
      if (value('reviewdog') === 'true') needs['pull-requests'] = 'write';
      if (value('fix') !== 'none') needs.contents = 'write';
      if (value('fix') === 'pull-request') needs['pull-requests'] = 'write';
      expect(wf.permissions).toMatchObject(needs);
    }
  });

  it('lists every input with its default, and every output', () => {
    const table = /^\| input \| default \| meaning \|\n((?:\|.*\n)+)/m.exec(SECTION)![1];
    const rows = [...table.matchAll(/^\| `([\w-]+)` \|\s*((?:[^|\\]|\\.)*?)\s*\|/gm)].map((m) => ({ name: m[1], shown: m[2].trim() }));
    expect(rows.map((r) => r.name)).toEqual(Object.keys(action.inputs));
    for (const { name, shown } of rows) {
      const def = String(action.inputs[name].default ?? '');
      // Simple defaults are shown as they are; an empty one is blank or said in words; long ones are described.
      if (def === '') expect(shown, name).not.toMatch(/^`[\w.-]+`$/);
      else if (/^[\w.-]+$/.test(def)) expect(shown, name).toBe(`\`${def}\``);
    }
    const outputs = /^Outputs: ([^(]*)/m.exec(SECTION)![1];
    expect([...outputs.matchAll(/`([\w-]+)`/g)].map((m) => m[1])).toEqual(Object.keys(action.outputs));
  });
});
