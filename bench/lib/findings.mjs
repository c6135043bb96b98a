// Reads `front-contacts check --format json` output into a flat list the bench and the example check
// compare against their expectations. The JSON layout is the CLI's; this accepts the shapes it may take
// (a bare array, { findings }, or per-file groups) so the comparison does not depend on the wrapper.
import { resolve } from 'node:path';

/** @returns {{ ruleId: string, file: string, line: number, endLine: number, severity?: string }[]} */
export function parseFindings(jsonText, cwd = process.cwd()) {
  const doc = JSON.parse(jsonText);
  const out = [];
  const visit = (node, fileHint) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, fileHint);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (typeof node.ruleId === 'string') {
      const file = node.file ?? node.fileName ?? node.path ?? fileHint;
      const start = node.range?.start ?? node.start ?? {};
      const end = node.range?.end ?? node.end ?? {};
      const line = typeof start === 'object' ? start.line : node.line;
      const endLine = typeof end === 'object' && end.line ? end.line : (node.endLine ?? line);
      out.push({ ruleId: node.ruleId, file: resolve(cwd, String(file)), line: Number(line), endLine: Number(endLine), severity: node.severity });
      return;
    }
    const hint = typeof node.file === 'string' ? node.file : (typeof node.filePath === 'string' ? node.filePath : fileHint);
    for (const key of ['findings', 'results', 'files', 'messages']) if (key in node) visit(node[key], hint);
  };
  visit(doc, undefined);
  return out;
}

/** Input problems (unreadable / unparsable files) if the JSON carries them. */
export function parseProblems(jsonText) {
  const doc = JSON.parse(jsonText);
  return Array.isArray(doc?.problems) ? doc.problems : [];
}
