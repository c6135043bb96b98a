import { ts } from '../../src/core/ts';

/**
 * The whole tree as lines: kind and range of every node, node array and JSDoc, and wrong parents. Two parses
 * are the same tree when their dumps are equal (the incremental reparse tests compare against a fresh parse).
 */
export function dumpTree(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node, parent: ts.Node, depth: number): void => {
    out.push(`${depth} ${ts.SyntaxKind[n.kind]} ${n.pos}-${n.end}${n.parent === parent ? '' : ' WRONG PARENT'}`);
    ts.forEachChild(n, (c) => visit(c, n, depth + 1), (arr) => {
      out.push(`${depth} [${arr.pos}-${arr.end}]`);
      for (const c of arr) visit(c, n, depth + 1);
    });
    for (const j of (n as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(j, n, depth + 1);
  };
  for (const s of sf.statements) visit(s, sf, 0);
  visit(sf.endOfFileToken, sf, 0);
  return out;
}
