// Quick fixes for our diagnostics and the `source.fixAll.frontContacts` action (editor.codeActionsOnSave).
// Everything is computed from the analysis the diagnostics came from, so the offsets always match the text.
import * as vscode from 'vscode';
import { fixText, RULE_IDS, type Finding, type RuleId, type RuleSetting } from '../core';
import { minimalReplacement, ruleIdOf, toWorkspaceEdit } from './convert';
import type { Analysis, DiagnosticsService } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('frontContacts');

export class FrontContactsCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly diagnostics: DiagnosticsService) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const only = context.only;
    const actions: vscode.CodeAction[] = [];
    if (only && only.contains(FIX_ALL_KIND)) {
      const a = this.diagnostics.current(doc);
      const fixAll = a && this.fixAllAction(doc, a, undefined, FIX_ALL_KIND);
      if (fixAll) actions.push(fixAll);
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return actions;

    const ours = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
    if (ours.length === 0) return actions;
    const a = this.diagnostics.current(doc);
    if (!a) return actions;

    const fixAllRules = new Set<RuleId>();
    const docsShown = new Set<RuleId>();
    for (const d of ours) {
      const f = findingFor(a, doc, d);
      if (!f) continue;
      if (f.fix) {
        const edit = toWorkspaceEdit(f.fix.edits, (file) => this.textFor(a, doc, file));
        if (edit) {
          const action = new vscode.CodeAction(`Fix this ${f.ruleId} problem`, vscode.CodeActionKind.QuickFix);
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
      const fixAll = this.fixAllAction(doc, a, rule, vscode.CodeActionKind.QuickFix);
      if (fixAll) actions.push(fixAll);
    }
    for (const d of ours) {
      const rule = ruleIdOf(d) as RuleId;
      if (docsShown.has(rule)) continue;
      docsShown.add(rule);
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      if (!target) continue;
      const action = new vscode.CodeAction(`Show documentation for ${rule}`, vscode.CodeActionKind.QuickFix);
      action.command = { title: action.title, command: 'vscode.open', arguments: [target] };
      action.diagnostics = ours.filter((x) => ruleIdOf(x) === rule);
      actions.push(action);
    }
    return actions;
  }

  /** All safe fixes of one rule (or of every enabled rule), applied by core's fixText as one edit. */
  private fixAllAction(doc: vscode.TextDocument, a: Analysis, rule: RuleId | undefined, kind: vscode.CodeActionKind): vscode.CodeAction | undefined {
    if (rule === undefined && !a.findings.some((f) => f.fix)) return undefined;
    const rules: Partial<Record<RuleId, RuleSetting>> = { ...a.settings.options.rules };
    if (rule) for (const id of RULE_IDS) if (id !== rule) rules[id] = 'off';
    let output: string;
    try {
      const r = fixText(a.fileName, a.text, { ...a.settings.options, rules, host: this.diagnostics.sourceHost(a.fileName, a.text) });
      if (r.refused) return undefined;
      output = r.output;
    } catch {
      return undefined;
    }
    const change = minimalReplacement(a.text, output);
    if (!change) return undefined;
    const title = rule ? `Fix all ${rule} problems in this file` : 'Fix all Front Contacts problems in this file';
    const action = new vscode.CodeAction(title, kind);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(change.start), doc.positionAt(change.end)), change.newText);
    if (rule) action.diagnostics = vscode.languages.getDiagnostics(doc.uri).filter((d) => ruleIdOf(d) === rule);
    return action;
  }

  private textFor(a: Analysis, doc: vscode.TextDocument, file: string) {
    if (file === a.fileName) return { uri: doc.uri, positions: doc };
    return this.diagnostics.textFor(file);
  }
}

/** The finding a diagnostic (as VS Code hands it back) was made from: same rule, same range. */
function findingFor(a: Analysis, doc: vscode.TextDocument, d: vscode.Diagnostic): Finding | undefined {
  const rule = ruleIdOf(d);
  return a.findings.find(
    (f) =>
      f.ruleId === rule &&
      doc.positionAt(f.start).isEqual(d.range.start) &&
      doc.positionAt(f.end).isEqual(d.range.end),
  );
}
