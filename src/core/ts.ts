// The TypeScript compiler as shipped by ts-morph. The engine only uses the parser (no type checker):
// parsing is what every rule needs and it is fast enough to run on every keystroke.
import { ts } from 'ts-morph';
export { ts };

export function scriptKindFor(fileName: string): ts.ScriptKind {
  const m = /\.([cm]?[jt]sx?)$/i.exec(fileName);
  switch (m?.[1].toLowerCase()) {
    case 'tsx':
      return ts.ScriptKind.TSX;
    case 'jsx':
      return ts.ScriptKind.JSX;
    case 'js':
    case 'cjs':
    case 'mjs':
      // JSX is legal in many .js files (React projects); TS parses .js with JSX enabled.
      return ts.ScriptKind.JS;
    default:
      return ts.ScriptKind.TS;
  }
}

export function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindFor(fileName));
}

/**
 * Incremental reparse of an edited text: the changed region is the span between the common prefix and the
 * common suffix. TypeScript reuses the untouched nodes (the old tree must not be used afterwards).
 */
export function reparse(previous: ts.SourceFile, text: string): ts.SourceFile {
  const old = previous.text;
  let start = 0;
  const max = Math.min(old.length, text.length);
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  try {
    return ts.updateSourceFile(previous, text, { span: { start, length: oldEnd - start }, newLength: newEnd - start }, false);
  } catch {
    return parse(previous.fileName, text);
  }
}

/** Syntax errors the parser recorded (TypeScript keeps them on an internal field). */
export function parseErrors(sf: ts.SourceFile): ts.DiagnosticWithLocation[] {
  return ((sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? []);
}

/** Skips parentheses and type-only wrappers: `(x as const)`, `x!`, `<T>x`, `x satisfies T`. */
export function skipOuter(node: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node) ||
      ts.isTypeAssertionExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
    else return node;
  }
}

export function propertyNameText(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ||
    ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = skipOuter(name.expression);
    if (ts.isStringLiteralLike(e)) return e.text;
  }
  return undefined;
}
