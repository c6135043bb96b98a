// Which branch of a URL helper runs for the value at hand. `if (/^https?:\/\//.test(url)) return url; return base +
// url` sends an absolute URL as it is and puts a path below the base: when the URL's leading text is known, the
// guard says which return (or which arm of `a ? b : c`) applies, instead of whichever says more about a URL.
// Only conditions on a string's leading text are decided (`startsWith`, an anchored regex's `test`, with `!`, `&&`,
// `||`); anything else stays undecided and every branch stays possible.
import { ts, skipOuter } from './ts';

/** What is known of a string: its text up to the first unknown part, and whether that is the whole string. */
export interface KnownText {
  prefix: string;
  complete: boolean;
}

/** The string value of an expression as far as the evaluator knows it; undefined when it is no string we can read. */
export type TextOf = (e: ts.Expression) => KnownText | undefined;

/** A condition a return depends on: the return runs only when `cond` is `holds`. */
export interface Guard {
  cond: ts.Expression;
  holds: boolean;
}

/**
 * The conditions under which `ret` (an expression returned by `fn`) is reached: the `if`s it is inside, and the
 * `if (c) return …` (or `throw`) statements before it in each enclosing block (passedGuards).
 */
export function guardsOf(ret: ts.Expression, fn: ts.FunctionLikeDeclaration): Guard[] {
  const out: Guard[] = [];
  let child: ts.Node = ret;
  for (let p = ret.parent; p && p !== fn; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && child !== p.expression) out.push({ cond: p.expression, holds: child === p.thenStatement });
    if (ts.isBlock(p)) {
      for (const st of p.statements) {
        if (st === child) break;
        out.push(...passedGuards(st));
      }
    }
  }
  return out;
}

/**
 * What code after a statement knows when it runs: `if (c) return …` was passed with `c` false, and so was each
 * leaving `else if` of a chain (`if (a) return x; else if (b) throw e;` → neither a nor b).
 */
function passedGuards(st: ts.Statement): Guard[] {
  if (!ts.isIfStatement(st)) return [];
  if (!alwaysLeaves(st.thenStatement)) return st.elseStatement && alwaysLeaves(st.elseStatement) ? [{ cond: st.expression, holds: true }] : [];
  return [{ cond: st.expression, holds: false }, ...(st.elseStatement ? passedGuards(st.elseStatement) : [])];
}

/** Whether a statement always returns or throws (so what follows it does not run). */
function alwaysLeaves(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && alwaysLeaves(last);
  }
  if (ts.isIfStatement(st)) return !!st.elseStatement && alwaysLeaves(st.thenStatement) && alwaysLeaves(st.elseStatement);
  return false;
}

/** Whether a return with these guards can run: false only when one of them is decided the other way. */
export function mayRun(guards: readonly Guard[], textOf: TextOf): boolean {
  return guards.every((g) => decide(g.cond, textOf) !== !g.holds);
}

/** The value of a condition, when the known text of the strings it tests decides it. */
export function decide(cond: ts.Expression, textOf: TextOf, depth = 0): boolean | undefined {
  if (depth > 8) return undefined;
  const e = skipOuter(cond);
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    const v = decide(e.operand, textOf, depth + 1);
    return v === undefined ? undefined : !v;
  }
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.AmpersandAmpersandToken) return undefined;
    const a = decide(e.left, textOf, depth + 1);
    const b = decide(e.right, textOf, depth + 1);
    const or = op === ts.SyntaxKind.BarBarToken;
    if (a === or || b === or) return or; // one side settles it
    return a === !or && b === !or ? !or : undefined;
  }
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(skipOuter(e.expression))) return undefined;
  const callee = skipOuter(e.expression) as ts.PropertyAccessExpression;
  const arg = e.arguments[0] && skipOuter(e.arguments[0]);
  if (!arg || e.arguments.length !== 1) return undefined;
  // `url.startsWith('http')`
  if (callee.name.text === 'startsWith' && ts.isStringLiteralLike(arg)) {
    const t = textOf(callee.expression);
    return t && startsWith(t, arg.text, false);
  }
  // `/^https?:\/\//i.test(url)`
  const re = skipOuter(callee.expression);
  if (callee.name.text === 'test' && ts.isRegularExpressionLiteral(re)) {
    const t = textOf(arg);
    return t && testAnchored(re.text, t);
  }
  return undefined;
}

function startsWith(t: KnownText, lead: string, ignoreCase: boolean): boolean | undefined {
  const known = ignoreCase ? t.prefix.toLowerCase() : t.prefix;
  const want = ignoreCase ? lead.toLowerCase() : lead;
  if (known.length >= want.length) return known.startsWith(want);
  if (!want.startsWith(known)) return false;
  return t.complete ? false : undefined;
}

/**
 * An anchored regex (`^…`) on a string of which the start is known: true when the known text already matches (a match
 * of a prefix is a match of the whole, for a pattern that looks at nothing after it); false when the known text
 * leaves the pattern's literal start. A completely known string is simply tested.
 */
function testAnchored(literal: string, t: KnownText): boolean | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(literal);
  if (!m || m[2].includes('m') || m[2].includes('y')) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(m[1], m[2].replace('g', ''));
  } catch {
    return undefined;
  }
  if (t.complete) return re.test(t.prefix);
  const body = m[1];
  if (!body.startsWith('^')) return undefined;
  if (!/\$|\\b|\\B|\(\?[=!<]/.test(body) && re.test(t.prefix)) return true;
  const lead = literalLead(body.slice(1));
  return lead ? (startsWith(t, lead, m[2].includes('i')) === false ? false : undefined) : undefined;
}

/** The plain text a pattern starts with (`https?:\/\/` → `http`): characters up to the first special one. */
function literalLead(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let c = body[i];
    let width = 1;
    if (c === '\\') {
      c = body[i + 1] ?? '';
      if (!/[\\/.^$*+?()[\]{}|-]/.test(c)) break; // \d, \w, \s …: a class, not a character
      width = 2;
    } else if (/[.^$*+?()[\]{}|]/.test(c)) break;
    // a quantified character may be absent: it is not part of the lead
    if (/[?*{]/.test(body[i + width] ?? '')) break;
    out += c;
    i += width - 1;
  }
  return out;
}
