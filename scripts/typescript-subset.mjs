// The part of TypeScript the CLI loads (dist/typescript.js, through src/cli/typescript-loader.ts): the parser and
// what it reaches, without the checker, emitter and language service that the engine never calls.
//
// Why: loading the compiler was the largest fixed cost of a short run. Of ts-morph's 9 MB typescript.js the
// engine calls `createSourceFile`, `forEachChild`, the `is…` guards and the enums; a run still read, decoded,
// deserialized (code cache) and initialised all of it: ~100 ms and ~6,600 page faults on our 2-core VMs. The
// subset is ~1 MB minified and loads in about half the time (bench/RESULTS.md, session 14).
//
// How: TypeScript's bundle is one function whose body holds every module's top-level declarations side by side
// (esbuild's output), plus a table of getters that makes them the `ts` object. This script parses that body with
// TypeScript itself and keeps
//   - the table's entries for the names the sources use (`ts.X` in src/, found by `usedNames`),
//   - every top-level declaration those reach, through the identifiers in their code,
//   - statements that run at load and are not declarations (`if (sys …) {…}`), except
//     * `X.y = …`, `__export(X, {…})`, namespace bodies `((X2) => {…})(X || (X = {}))`: kept with X,
//     * `f(…)`: kept when f is kept, or when f (or a function it calls) changes a kept variable
//       (`setObjectAllocator(…)` assigns `objectAllocator`, which the parser reads; `registerRefactor(…)`
//       only fills the language service's table, and goes),
//     * esbuild's `0 && (module.exports = {…})` hint for Node's CommonJS lexer, which would keep everything.
// One edit of the code itself: the services' object allocator (which gives nodes their `getText()`/`getStart()`
// methods, used by the engine) also makes the checker's symbols, types and signatures, whose classes reach the
// whole language service. The parser never makes any, so those three constructors are left as the parser's own.
//
// test/cli/minified-typescript.test.ts parses every engine, fixture and example file with the subset and with
// ts-morph's compiler and compares the trees, and checks that every `ts.X` of the sources is there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Names the sources read from `ts` (`ts.createSourceFile`, `ts.SyntaxKind`, …): every `ts.X` in the .ts files under `dirs`. */
export function usedNames(dirs) {
  const names = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const text = readFileSync(p, 'utf8');
        // `const { SyntaxKind } = ts` or `ts[name]` would hide a name from this scan: refuse rather than ship a gap
        if (/[}\]]\s*=\s*ts\s*[;\n]|\bts\s*\[/.test(text)) throw new Error(`${p}: reads ts other than as ts.X; typescript-subset.mjs cannot see which names`);
        for (const m of text.matchAll(/\bts\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
      }
    }
  };
  for (const d of dirs) walk(d);
  return names;
}

const OPEN = 'var ts = {}; ((module) => {\n';
const CLOSE = '})({ get exports()';
const MUTATORS = new Set(['set', 'add', 'push', 'delete', 'clear', 'splice', 'unshift', 'pop', 'shift', 'sort', 'reverse', 'fill', 'copyWithin']);
const ALLOCATOR = /(function getServicesObjectAllocator\(\) \{\s*return \{[^}]*?)\s*getSymbolConstructor: \(\) => SymbolObject,\s*getTypeConstructor: \(\) => TypeObject,\s*getSignatureConstructor: \(\) => SignatureObject,/;

/**
 * The subset of `source` (TypeScript's typescript.js) exporting `wanted` names, as JavaScript text. `ts` is that
 * same compiler, used to parse it. Throws when the file is not shaped as this script expects (a new TypeScript).
 */
export function typescriptSubset(source, wanted, ts) {
  const start = source.indexOf(OPEN);
  const end = source.lastIndexOf(CLOSE);
  if (start < 0 || end < start) throw new Error('typescript.js: the module wrapper was not found');
  let body = source.slice(start + OPEN.length, end);
  if (!ALLOCATOR.test(body)) throw new Error('typescript.js: getServicesObjectAllocator was not found');
  body = body.replace(ALLOCATOR, '$1');
  const sf = ts.createSourceFile('typescript.js', body, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

  const stmts = sf.statements.map((st) => ({ st, names: declaredNames(ts, st), refs: new Set(), writes: new Set(), kind: '' }));
  const declared = new Map();
  for (const s of stmts) for (const n of s.names ?? []) declared.set(n, s);
  for (const s of stmts) scan(ts, s, declared);

  // the export table: `__export(typescript_exports, { name: () => internalName, … })`
  const table = stmts.find((s) => exportTarget(ts, s.st) === 'typescript_exports');
  if (!table) throw new Error('typescript.js: the export table was not found');
  const entries = table.st.expression.arguments[1].properties
    .map((p) => ({ key: p.name.text, internal: p.initializer.body.text }))
    .filter((e) => wanted.has(e.key));

  for (const s of stmts) s.kind = kindOf(ts, s, sf, declared);
  const reachable = new Set();
  const kept = new Set();
  const queue = [];
  const mark = (n) => {
    if (!reachable.has(n)) {
      reachable.add(n);
      queue.push(n);
    }
  };
  const keep = (s) => {
    if (kept.has(s)) return;
    kept.add(s);
    for (const r of s.refs) mark(r);
  };
  for (const e of entries) mark(e.internal);
  for (const n of ['__export', 'typescript_exports', '__toCommonJS']) mark(n);
  for (const s of stmts) if (s.kind === 'root' || s.kind === 'cjs') keep(s);
  const owned = new Map();
  for (const s of stmts) if (s.kind.startsWith('owned:')) owned.set(s.kind.slice(6), [...(owned.get(s.kind.slice(6)) ?? []), s]);
  const calls = stmts.filter((s) => s.kind.startsWith('call:'));
  const writes = functionWrites(ts, declared);
  for (;;) {
    while (queue.length) {
      const n = queue.shift();
      const s = declared.get(n);
      if (s) keep(s);
      for (const o of owned.get(n) ?? []) keep(o);
    }
    let more = false;
    for (const s of calls) {
      if (kept.has(s)) continue;
      const f = s.kind.slice(5);
      if (reachable.has(f) || [...writes(f), ...s.writes].some((w) => reachable.has(w))) {
        keep(s);
        mark(f);
        more = true;
      }
    }
    if (!more && !queue.length) break;
  }

  const out = [];
  for (const s of stmts) {
    if (s === table) out.push(`__export(typescript_exports, {\n${entries.map((e) => `  ${e.key}: () => ${e.internal}`).join(',\n')}\n});`);
    else if (kept.has(s)) out.push(s.st.getFullText(sf));
  }
  return { text: source.slice(0, start + OPEN.length) + out.join('\n') + '\n' + source.slice(end), exported: entries.map((e) => e.key) };
}

function declaredNames(ts, st) {
  if (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) return st.name ? [st.name.text] : [];
  if (!ts.isVariableStatement(st)) return undefined;
  const out = [];
  const walk = (n) => {
    if (ts.isIdentifier(n)) out.push(n.text);
    else if (ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) for (const e of n.elements) if (!ts.isOmittedExpression(e)) walk(e.name);
  };
  for (const d of st.declarationList.declarations) walk(d.name);
  return out;
}

function rootName(ts, e) {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

/** The top-level names a statement reads (identifiers that are not property names) and may change. */
function scan(ts, s, declared) {
  const visit = (n) => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const propertyName = (ts.isPropertyAccessExpression(p) && p.name === n) ||
        ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === n);
      if (!propertyName && declared.has(n.text)) s.refs.add(n.text);
    }
    const write = (e) => {
      const r = rootName(ts, e);
      if (r) s.writes.add(r);
    };
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) write(n.left);
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) write(n.operand);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      if (MUTATORS.has(n.expression.name.text)) write(n.expression.expression);
      if (ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'Object' && n.expression.name.text === 'assign' && n.arguments[0]) write(n.arguments[0]);
    }
    ts.forEachChild(n, visit);
  };
  visit(s.st);
}

function exportTarget(ts, st) {
  if (!ts.isExpressionStatement(st) || !ts.isCallExpression(st.expression)) return undefined;
  const c = st.expression;
  return ts.isIdentifier(c.expression) && c.expression.text === '__export' && c.arguments[0] && ts.isIdentifier(c.arguments[0]) ? c.arguments[0].text : undefined;
}

/** decl | cjs (the CommonJS assignment) | drop | owned:X (kept with X) | call:f (see the header) | root (always kept). */
function kindOf(ts, s, sf, declared) {
  if (s.names) return 'decl';
  const st = s.st;
  const text = st.getText(sf);
  if (text.startsWith('module.exports = __toCommonJS(typescript_exports)')) return 'cjs';
  if (/^0 && \(module\.exports/.test(text)) return 'drop';
  const target = exportTarget(ts, st);
  if (target) return target === 'typescript_exports' ? 'table' : `owned:${target}`;
  if (!ts.isExpressionStatement(st)) return 'root';
  const x = st.expression;
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const r = rootName(ts, x.left);
    if (r && declared.has(r)) return `owned:${r}`;
  }
  if (ts.isCallExpression(x)) {
    const a = x.arguments[0];
    if (a && ts.isBinaryExpression(a) && a.operatorToken.kind === ts.SyntaxKind.BarBarToken && ts.isIdentifier(a.left) && declared.has(a.left.text)) return `owned:${a.left.text}`;
    if (ts.isIdentifier(x.expression) && declared.has(x.expression.text)) return `call:${x.expression.text}`;
    const r = rootName(ts, x.expression);
    if (r && declared.has(r)) return `owned:${r}`;
  }
  return 'root';
}

/** For a top-level function: the top-level variables it, or a top-level function it calls, may change (a fixpoint). */
function functionWrites(ts, declared) {
  const fns = [...new Set(declared.values())].filter((s) => ts.isFunctionDeclaration(s.st) && s.st.name);
  const writes = new Map(fns.map((s) => [s.st.name.text, new Set(s.writes)]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of fns) {
      const w = writes.get(s.st.name.text);
      const before = w.size;
      for (const r of s.refs) for (const x of writes.get(r) ?? []) w.add(x);
      if (w.size !== before) changed = true;
    }
  }
  return (name) => writes.get(name) ?? new Set();
}
