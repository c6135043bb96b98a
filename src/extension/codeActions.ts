// Quick fixes for our diagnostics and the `source.fixAll.frontContacts` action (editor.codeActionsOnSave).
// Everything is computed from the analysis the diagnostics came from, so the offsets always match the text.
import * as vscode from 'vscode';
import type { Finding, RuleId, RuleSetting, Suggestion } from '../core/types';
import { RULE_IDS } from '../core/types';
import { minimalReplacement, ruleIdOf, toWorkspaceEdit } from './convert';
import type { Analysis, DiagnosticsService } from './diagnostics';
import type { EngineClient } from './engineClient';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('frontContacts');

export class FrontContactsCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly diagnostics: DiagnosticsService,
    private readonly engine: EngineClient,
  ) {}

  async provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    const only = context.only;
    const actions: vscode.CodeAction[] = [];
    if (only?.contains(FIX_ALL_KIND)) {
      // source.fixAll (codeActionsOnSave, "Fix All" command): every safe fix of every enabled rule.
      const a = await this.diagnostics.current(doc);
      const fixAll = a && !token.isCancellationRequested ? await this.fixAllAction(doc, a, undefined, FIX_ALL_KIND) : undefined;
      if (fixAll) actions.push(fixAll);
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return actions;

    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (ours.length === 0) return actions;
    const a = await this.diagnostics.current(doc);
    if (!a || token.isCancellationRequested) return actions;

    const fixAllRules = new Set<RuleId>();
    const matched: Array<{ d: vscode.Diagnostic; f: Finding }> = [];
    for (const d of ours) {
      const f = findingFor(a, d);
      if (!f) continue;
      matched.push({ d, f });
      if (f.fix) {
        const edit = toWorkspaceEdit(f.fix.edits, (file) => this.textFor(a, doc, file));
        if (edit) {
          const action = new vscode.CodeAction(f.fix.title ?? `Fix this ${f.ruleId} problem`, vscode.CodeActionKind.QuickFix);
          action.edit = edit;
          action.diagnostics = [d];
          action.isPreferred = true;
          actions.push(action);
          fixAllRules.add(f.ruleId);
        }
      }
      for (const s of f.suggestions ?? []) {
        const edit = toWorkspaceEdit(s.edits, (file) => this.textFor(a, doc, file));
        if (!edit) continue;
        const action = new vscode.CodeAction(s.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [d];
        actions.push(action);
      }
    }
    for (const rule of fixAllRules) {
      // one fixable problem already has its own fix: "Fix all" only when there are at least two
      if (a.findings.filter((f) => f.fix && f.ruleId === rule).length < 2) continue;
      const fixAll = await this.fixAllAction(doc, a, rule, vscode.CodeActionKind.QuickFix);
      if (fixAll) actions.push(fixAll);
    }
    actions.push(...(await this.ignoreActions(doc, a, matched)));
    const docsShown = new Set<string>();
    for (const d of ours) {
      const rule = ruleIdOf(d)!;
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      if (docsShown.has(rule) || !target) continue;
      docsShown.add(rule);
      const action = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
      action.command = { title: action.title, command: 'vscode.open', arguments: [target] };
      action.diagnostics = ours.filter((x) => ruleIdOf(x) === rule);
      actions.push(action);
    }
    return actions;
  }

  /** All safe fixes of one rule (or of every enabled rule), applied by core's fixText as one edit. */
  private async fixAllAction(doc: vscode.TextDocument, a: Analysis, rule: RuleId | undefined, kind: vscode.CodeActionKind): Promise<vscode.CodeAction | undefined> {
    if (!a.findings.some((f) => f.fix && (rule === undefined || f.ruleId === rule))) return undefined;
    const rules: Partial<Record<RuleId, RuleSetting>> = { ...a.settings.options.rules };
    if (rule) for (const id of RULE_IDS) if (id !== rule) rules[id] = 'off';
    let output: string;
    try {
      const r = await this.engine.fix({ ...this.diagnostics.engineInput(a.fileName, a.text, a.settings), options: { ...a.settings.options, rules } });
      if (r.refused) return undefined;
      output = r.output;
    } catch {
      return undefined;
    }
    if (doc.version !== a.version) return undefined; // edited meanwhile: offsets no longer apply
    const change = minimalReplacement(a.text, output);
    if (!change) return undefined;
    const title = rule ? `Fix all ${rule} problems in this file` : 'Fix all Front Contacts problems in this file';
    const action = new vscode.CodeAction(title, kind);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
    if (rule) action.diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => ruleIdOf(d) === rule);
    return action;
  }

  /** "Ignore <rule> for this line" per problem, then "Ignore <rule> for this file" once per rule (edits from core). */
  private async ignoreActions(doc: vscode.TextDocument, a: Analysis, matched: Array<{ d: vscode.Diagnostic; f: Finding }>): Promise<vscode.CodeAction[]> {
    if (matched.length === 0) return [];
    let answers;
    try {
      answers = await this.engine.ignoreActions({ fileName: a.fileName, text: a.text, findings: matched.map(({ f }) => ({ ruleId: f.ruleId, start: f.start })) });
    } catch {
      return [];
    }
    if (!answers || doc.version !== a.version) return [];
    const lines: vscode.CodeAction[] = [];
    const files = new Map<RuleId, vscode.CodeAction>();
    answers.forEach((ignore, i) => {
      const { d, f } = matched[i];
      const toAction = (s: Suggestion) => {
        const edit = toWorkspaceEdit(s.edits, (file) => this.textFor(a, doc, file));
        if (!edit) return undefined;
        const action = new vscode.CodeAction(s.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = [d];
        return action;
      };
      const line = ignore.line && toAction(ignore.line);
      if (line) lines.push(line);
      const existing = files.get(f.ruleId);
      if (existing) existing.diagnostics!.push(d);
      else {
        const file = toAction(ignore.file);
        if (file) files.set(f.ruleId, file);
      }
    });
    return [...lines, ...files.values()];
  }

  private textFor(a: Analysis, doc: vscode.TextDocument, file: string) {
    if (file === a.fileName) return { uri: doc.uri, positions: doc };
    return this.diagnostics.textFor(file);
  }
}

/** The finding a diagnostic (as VS Code hands it back) was made from: same rule, same range. */
function findingFor(a: Analysis, d: vscode.Diagnostic): Finding | undefined {
  const rule = ruleIdOf(d);
  return a.findings.find(
    (f) => f.ruleId === rule && a.positions.positionAt(f.start).isEqual(d.range.start) && a.positions.positionAt(f.end).isEqual(d.range.end),
  );
}
