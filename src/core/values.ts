// Values that remember where they came from.
//
// `deref` follows names (consts, imports, object properties, parameters bound at a call site) to the
// expression they stand for. `evaluateString` turns an expression into URL parts: literal text whose every
// character keeps its source position, and holes for what cannot be known statically. Rules match on the
// parts and build fixes by deleting the spans that produced the matched text.
import { packageSpecifier } from './module-specifiers';
import { ts, skipOuter, propertyNameText } from './ts';
import { FileContext, Decl, Target, declTarget } from './files';
import { decide, guardsOf, mayRun, type TextOf } from './branches';

export interface Origin {
  ctx: FileContext;
  /** The literal token (string literal or template chunk) the text was written in. */
  node: ts.Node;
  /** Source offset of the first character of the text. */
  start: number;
  /** Every character maps 1:1 to the source (no escape sequences). */
  exact: boolean;
  /**
   * Source offset just after the written text (before the closing quote / `${`), so a part deleted in full is
   * deleted in full even when escapes make the source longer than the text. -1 once the text was cut in a
   * literal with escapes (its source range is then unknown).
   */
  rawEnd: number;
  /** Where this text starts in the literal's cooked value (non-zero for a slice of an escaped literal). */
  cookedBase?: number;
}

/**
 * Source range of cooked characters [from, to) of a part's text (`\u002f` is one character written as six).
 * Undefined when the escapes cannot be mapped (legacy octal).
 */
export function sourceRange(o: Origin, from: number, to: number): [number, number] | undefined {
  if (o.exact) return from === 0 && to === (o.rawEnd - o.start) ? [o.start, o.rawEnd] : [o.start + from, o.start + to];
  const raw = o.ctx.sf.text.slice(o.start, o.rawEnd);
  const map = cookedToRaw(raw, !ts.isStringLiteral(o.node));
  const base = o.cookedBase ?? 0;
  if (!map || base + to >= map.length) return undefined;
  return [o.start + map[base + from], o.start + map[base + to]];
}

/** For each cooked UTF-16 index (and one past the end), the raw offset it starts at. */
function cookedToRaw(raw: string, template: boolean): number[] | undefined {
  const map: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === 'u' && raw[i + 2] === '{') {
        const close = raw.indexOf('}', i + 3);
        if (close < 0) return undefined;
        const cp = parseInt(raw.slice(i + 3, close), 16);
        map.push(i);
        if (cp > 0xffff) map.push(i);
        i = close + 1;
      } else if (n === 'u') {
        map.push(i);
        i += 6;
      } else if (n === 'x') {
        map.push(i);
        i += 4;
      } else if (n === '\r' && raw[i + 2] === '\n') i += 3; // line continuation: no character
      else if (n === '\n' || n === '\r' || n === '\u2028' || n === '\u2029') i += 2;
      else if (n !== undefined && /[1-9]/.test(n)) return undefined; // legacy octal
      else if (n === '0' && /[0-9]/.test(raw[i + 2] ?? '')) return undefined;
      else {
        map.push(i);
        i += 2;
      }
    } else if (template && c === '\r') {
      map.push(i); // CR LF and lone CR are one LF in a template's value
      i += raw[i + 1] === '\n' ? 2 : 1;
    } else {
      map.push(i);
      i += 1;
    }
  }
  map.push(raw.length);
  return map;
}

export interface LitPart {
  kind: 'lit';
  text: string;
  /** Missing for text the engine synthesised (a join separator). */
  origin?: Origin;
  /** The node in the evaluated root that led here: the literal itself, or the name that was followed. */
  anchor: ts.Node;
  /** True when the text was reached through a name (const, import, property, call). */
  indirect: boolean;
  /** A separator the engine inserted (`[…].join('/')`): removed together with the element it precedes. */
  separator?: boolean;
}

export interface HolePart {
  kind: 'hole';
  node: ts.Node;
  ctx: FileContext;
  anchor: ts.Node;
  indirect: boolean;
  /** Best-effort name of what is unknown (`teamId`, `FRONT_API_URL`), used for hints. */
  name?: string;
}

export type Part = (LitPart | HolePart) & {
  /**
   * Set on what `.replace(pattern, x)` inserted: the source span of the pattern text in the receiver's
   * literal. Deleting the inserted value means deleting that span (`'/teams/:team_id/contacts'.replace(…)`).
   */
  replaced?: { start: number; end: number };
};

/**
 * Parameter bindings for evaluating a function body at a particular call site. A class node as key binds `this`
 * inside that class's methods to the `new C(…)` expression of the instance they run on.
 */
export type Env = Map<ts.Node, { expr: ts.Expression; ctx: FileContext; env: Env }>;

/** The `new C(…)` an instance was made by, where it was evaluated. */
export interface Instance {
  expr: ts.NewExpression;
  ctx: FileContext;
  env: Env;
}
export const EMPTY_ENV: Env = new Map();

export type Ref =
  /** `omit`: keys a rest binding left out of the object (`const { a, ...rest } = expr`): reading them finds nothing. */
  | { kind: 'expr'; ctx: FileContext; expr: ts.Expression; env: Env; indirect: boolean; omit?: readonly string[] }
  | { kind: 'function'; ctx: FileContext; node: ts.FunctionLikeDeclaration; env: Env }
  /** A class, or an instance of it; `instance`: the `new C(…)` it was made by, when known (its constructor's arguments). */
  | { kind: 'class'; ctx: FileContext; node: ts.ClassLikeDeclaration; instance?: Instance }
  | { kind: 'module'; ctx: FileContext }
  | { kind: 'package'; module: string; path: string[] }
  | { kind: 'global'; name: string; path: string[] }
  /**
   * A parameter no call site we are evaluating binds. `decl`: its declaration, so its value can be looked for
   * at the function's call sites (callers.ts); `fallback`: what its declared type says (an opaque client instance).
   */
  | { kind: 'param'; name: string; path: string[]; decl?: ts.ParameterDeclaration; ctx?: FileContext; fallback?: Ref }
  /** A property of something that is not an object literal (an axios instance's `.get`, say). */
  | { kind: 'member'; base: Ref; path: string[] }
  /** An instance of a package's client whose configuration we cannot see (a parameter typed `AxiosInstance`). */
  | { kind: 'instance'; module: string }
  | { kind: 'unknown'; name?: string };

const MAX_DEPTH = 24;
/** Assignments whose value, as an expression, is their right side (`??=` and `||=` when they assign, which is what a lazy getter is for). */
const ASSIGNMENT_VALUE = new Set([ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken]);
const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self', 'global']);

export const HOLE_CHAR = '\uE000';

export class Evaluator {
  /**
   * `modelledImport(module, name)`: whether a client model describes that import by its published behaviour
   * (clients.ts `isClientPackage`). Such an import stays a package even when the project holds the package's
   * source (a platform monorepo maps `@activepieces/pieces-common` to its own folder through tsconfig `paths`).
   */
  constructor(private readonly modelledImport: (module: string, name: string) => boolean = () => false) {}

  private depth = 0;
  private readonly active = new Set<ts.Node>();

  private guard<T>(key: ts.Node, fallback: T, fn: () => T): T {
    if (this.depth >= MAX_DEPTH || this.active.has(key)) return fallback;
    this.depth++;
    this.active.add(key);
    try {
      return fn();
    } finally {
      this.active.delete(key);
      this.depth--;
    }
  }

  // ---------------------------------------------------------------- names

  deref(e: ts.Expression, ctx: FileContext, env: Env, indirect = false): Ref {
    e = skipOuter(e);
    if (ts.isAwaitExpression(e)) return this.deref(e.expression, ctx, env, indirect);
    // `(this._http ??= axios.create(…))`, `(client = make())`: an assignment's value is what it assigns
    if (ts.isBinaryExpression(e) && ASSIGNMENT_VALUE.has(e.operatorToken.kind)) return this.deref(e.right, ctx, env, indirect);
    if (ts.isIdentifier(e)) {
      if (e.text === 'undefined') return { kind: 'unknown' };
      const decl = ctx.lookup(e.text, e);
      // CommonJS output reading its own exports (`exports.http.get(…)`, as tsc emits for an exported const)
      if (!decl && e.text === 'exports') return { kind: 'module', ctx };
      if (!decl) return { kind: 'global', name: e.text, path: [] };
      return this.guard(decl.node, { kind: 'unknown', name: e.text } as Ref, () => this.derefDecl(decl, env, e.text));
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = ts.isPropertyAccessExpression(e) ? e.name.text : literalKey(e.argumentExpression) ?? this.constantKey(e.argumentExpression, ctx, env);
      if (key === undefined) return { kind: 'unknown' };
      const base = this.deref(e.expression, ctx, env, indirect);
      return this.member(base, key);
    }
    if (e.kind === ts.SyntaxKind.SuperKeyword) {
      // `super.delete(path)` in a subclass's method: the class it extends (its members, its methods' bodies)
      const ext = enclosingClass(e)?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (!ext) return { kind: 'unknown' };
      const base = this.deref(ext.expression, ctx, EMPTY_ENV, true);
      return base.kind === 'class' ? { kind: 'class', ctx: base.ctx, node: base.node } : { kind: 'unknown' };
    }
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      const cls = enclosingClass(e);
      if (!cls) {
        // A method of an object literal (`methods: { _makeRequest() { … this._baseUrl() … } }` in a Pipedream app):
        // the object its methods live on.
        const obj = enclosingObjectLiteral(e);
        return obj ? { kind: 'expr', ctx, expr: obj, env: EMPTY_ENV, indirect: true } : { kind: 'unknown' };
      }
      // In a method reached through an instance (`new FrontClient(…).contacts.get(id)`) or through a subclass
      // (`class FrontClient extends BaseApiClient`): that instance, or that subclass.
      const self = env.get(cls);
      if (self) return this.guard(self.expr, { kind: 'class', ctx, node: cls } as Ref, () => this.deref(self.expr, self.ctx, self.env, true));
      return { kind: 'class', ctx, node: cls };
    }
    if (ts.isNewExpression(e)) {
      // `new FrontClient(opts)`: an instance whose constructor arguments are known
      const cls = this.deref(e.expression, ctx, env, true);
      if (cls.kind === 'class') return { kind: 'class', ctx: cls.ctx, node: cls.node, instance: { expr: e, ctx, env } };
      return { kind: 'expr', ctx, expr: e, env, indirect };
    }
    if (ts.isCallExpression(e)) {
      // A call to a function we can see returns what its single return statement says.
      const callee = this.deref(e.expression, ctx, env, indirect);
      if (callee.kind === 'function') {
        const ret = singleReturn(callee.node);
        if (ret) {
          const fenv = bindArgs(callee.node, e.arguments, ctx, env, callee.env);
          return this.guard(ret, { kind: 'expr', ctx, expr: e, env, indirect } as Ref, () => this.deref(ret, callee.ctx, fenv, true));
        }
      }
      return { kind: 'expr', ctx, expr: e, env, indirect };
    }
    if (ts.isFunctionExpression(e) || ts.isArrowFunction(e)) return { kind: 'function', ctx, node: e, env };
    if (ts.isClassExpression(e)) return { kind: 'class', ctx, node: e };
    return { kind: 'expr', ctx, expr: e, env, indirect };
  }

  private derefDecl(decl: Decl, env: Env, name: string): Ref {
    if (decl.kind === 'param') {
      const top = topParam(decl.node);
      const bound = top && env.get(top.param);
      if (bound) {
        const r = this.deref(bound.expr, bound.ctx, bound.env, true);
        return top.path.reduce<Ref>((acc, k) => this.member(acc, k), r);
      }
      if (top) {
        const implicit = this.implicitArgument(top.param, decl.ctx);
        if (implicit) {
          const r = this.deref(implicit.expr, decl.ctx, EMPTY_ENV, true);
          return top.path.reduce<Ref>((acc, k) => this.member(acc, k), r);
        }
      }
      // Not bound at a call site we know: the default value is the best guess, then the declared type
      // (`constructor(private http: FrontHttp)`, `function make(base: Base)`).
      if (top) return this.unboundParam(top.param, decl.ctx, name, top.path);
      return { kind: 'param', name, path: [] };
    }
    if (decl.kind === 'var' && !decl.init && isAmbient(decl.node)) return { kind: 'global', name, path: [] };
    if (decl.kind === 'var' && !decl.stable) {
      const v = this.reassignedValue(decl, env);
      if (!v) return { kind: 'unknown', name };
      const r = this.deref(v.expr, decl.ctx, env, true);
      return decl.path.reduce<Ref>((acc, k) => this.member(acc, k), r);
    }
    if (decl.kind === 'var' && decl.init) {
      const r = decl.path.reduce<Ref>((acc, k) => this.member(acc, k), this.deref(decl.init, decl.ctx, env, true));
      return decl.omit?.length && r.kind === 'expr' ? { ...r, omit: [...(r.omit ?? []), ...decl.omit] } : r;
    }
    if (decl.kind === 'import') {
      const path = decl.imported === 'default' || decl.imported === '*' ? [] : [decl.imported];
      const module = packageSpecifier(decl.module);
      // The package's source in the same repository (its client classes, adapters) is what the model was
      // read from, and more than the evaluator can follow: the model answers for it, as it does when installed.
      if (this.modelledImport(module, path.join('.'))) return { kind: 'package', module, path };
      const t = declTarget(decl);
      if (!t || t.kind === 'package') return { kind: 'package', module, path };
      return this.targetRef(t);
    }
    const t = declTarget(decl);
    return t ? this.targetRef(t) : { kind: 'unknown', name };
  }

  /**
   * The value a `let`/`var` that is assigned again still stands for, when every assignment keeps what a URL or a
   * client is: a lazily made singleton (`let client; … client = axios.create(…)`, one assignment and no initializer),
   * a URL completed with a query (`url += '?' + q`: the route is the initializer's) or filled in
   * (`path = path.replace(tag, value)` with a pattern that is not a literal: placeholders only), or handed in a loop
   * through functions whose return we cannot see (`for (const hook of this.hooks) config = await hook(config)`:
   * request interceptors add headers, the request stays the one described). Undefined otherwise.
   */
  private reassignedValue(decl: Decl & { kind: 'var' }, env: Env): { expr: ts.Expression } | undefined {
    if (!ts.isVariableDeclaration(decl.node) || !ts.isIdentifier(decl.node.name) || decl.path.length) return undefined;
    const name = decl.name;
    let set: ts.Expression | undefined;
    // `let client: AxiosInstance | null = null`, assigned later (`client = axios.create(…)`, `client ??= …`): the
    // null only says "not made yet", like no initializer at all
    const init = decl.init && !isNullish(decl.init) ? decl.init : undefined;
    for (const a of decl.ctx.assignmentsTo(name)) {
      if (!ts.isBinaryExpression(a)) return undefined; // ++, --
      if (decl.ctx.lookup(name, a.left)?.node !== decl.node) continue; // another variable of that name
      const op = a.operatorToken.kind;
      if (op === ts.SyntaxKind.PlusEqualsToken) continue;
      if (op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.QuestionQuestionEqualsToken && op !== ts.SyntaxKind.BarBarEqualsToken) return undefined;
      if (isNullish(a.right)) continue; // `client = null`: cleared, not a second value
      const rhs = skipOuter(a.right);
      if (ts.isCallExpression(rhs) && ts.isPropertyAccessExpression(rhs.expression) && /^replace(All)?$/.test(rhs.expression.name.text) &&
        ts.isIdentifier(skipOuter(rhs.expression.expression)) && (skipOuter(rhs.expression.expression) as ts.Identifier).text === name &&
        rhs.arguments[0] && literalPattern(rhs.arguments[0]) === undefined) continue;
      if (startsWithName(rhs, name)) continue; // `path = `${path}?${query}``, `url = url + '&page=2'`
      if (this.isPassedThroughHook(a, rhs, name, decl.ctx, env)) continue;
      if (set || init) return undefined; // assigned a value of its own, more than once
      set = a.right;
    }
    const value = init ?? set;
    return value ? { expr: value } : undefined;
  }

  /**
   * `value = await hook(value)` inside a loop, where `hook` is nothing whose body we can see (the loop's variable, a
   * parameter): a pipeline of interceptors, each handed the value and returning it changed in ways we cannot read.
   */
  private isPassedThroughHook(a: ts.BinaryExpression, rhs: ts.Expression, name: string, ctx: FileContext, env: Env): boolean {
    const call = ts.isAwaitExpression(rhs) ? skipOuter(rhs.expression) : rhs;
    if (!ts.isCallExpression(call) || !call.arguments.some((x) => ts.isIdentifier(skipOuter(x)) && (skipOuter(x) as ts.Identifier).text === name)) return false;
    if (!inLoop(a)) return false;
    const callee = this.deref(call.expression, ctx, env);
    return callee.kind !== 'function' && callee.kind !== 'class';
  }

  /**
   * What a parameter receives without a call site we are evaluating: the argument of an immediately invoked
   * function (`(function (w) {…})(window)`), or the value of a promise for a `.then(cb)` callback.
   */
  private implicitArgument(param: ts.ParameterDeclaration, _ctx: FileContext): { expr: ts.Expression } | undefined {
    const fn = param.parent;
    if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return undefined;
    const index = fn.parameters.indexOf(param);
    let outer: ts.Node = fn;
    while (outer.parent && ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
    const call = outer.parent;
    if (!call || !ts.isCallExpression(call)) return undefined;
    if (call.expression === outer) {
      const arg = call.arguments[index];
      return arg && !ts.isSpreadElement(arg) ? { expr: arg } : undefined;
    }
    if (index === 0 && call.arguments[0] === outer && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'then') {
      return { expr: call.expression.expression };
    }
    return undefined;
  }

  /** What a value of this declared type is: an instance of a class we can see, a factory's return value, a client. */
  typeInstance(type: ts.TypeNode, ctx: FileContext, depth = 0): Ref | undefined {
    if (depth > 4 || !ts.isTypeReferenceNode(type)) return undefined;
    const tn = type.typeName;
    if (!ts.isIdentifier(tn)) return undefined;
    if (tn.text === 'ReturnType' || tn.text === 'Awaited') {
      const arg = type.typeArguments?.[0];
      if (!arg) return undefined;
      if (ts.isTypeQueryNode(arg) && ts.isIdentifier(arg.exprName)) {
        const fn = this.deref(arg.exprName, ctx, EMPTY_ENV, true);
        if (fn.kind === 'function') {
          const ret = singleReturn(fn.node);
          return ret ? this.deref(ret, fn.ctx, EMPTY_ENV, true) : undefined;
        }
        return undefined;
      }
      return this.typeInstance(arg, ctx, depth + 1);
    }
    const decl = ctx.lookup(tn.text, type);
    if (!decl) return undefined;
    if (decl.kind === 'class') return { kind: 'class', ctx: decl.ctx, node: decl.node };
    if (decl.kind === 'type') return this.typeInstance(decl.node.type, decl.ctx, depth + 1);
    if (decl.kind === 'import') {
      const f = decl.ctx.project.importedFile(decl.ctx, decl.module);
      const t = f?.exportedType(decl.imported);
      if (t) return ts.isClassDeclaration(t.node) ? { kind: 'class', ctx: t.ctx, node: t.node } : this.typeInstance(t.node.type, t.ctx, depth + 1);
      const r = this.derefDecl(decl, EMPTY_ENV, tn.text);
      if (r.kind === 'class') return r;
      if (r.kind === 'package' && /^(axios|got|ky|superagent|needle|undici|ofetch)$/.test(r.module)) return { kind: 'instance', module: r.module };
      // NestJS's injected HttpService (@nestjs/axios) sends through its axios instance: get/post/… (url, config) as axios
      if (r.kind === 'package' && r.module === '@nestjs/axios' && r.path[0] === 'HttpService') return { kind: 'instance', module: '@nestjs/axios' };
    }
    return undefined;
  }

  targetRef(t: Target): Ref {
    switch (t.kind) {
      case 'expr': {
        const r = this.deref(t.expr, t.ctx, EMPTY_ENV, true);
        return t.path.reduce<Ref>((acc, k) => this.member(acc, k), r);
      }
      case 'function':
        return { kind: 'function', ctx: t.ctx, node: t.node, env: EMPTY_ENV };
      case 'class':
        return { kind: 'class', ctx: t.ctx, node: t.node };
      case 'module':
        return { kind: 'module', ctx: t.ctx };
      case 'package':
        return { kind: 'package', module: packageSpecifier(t.module), path: t.imported === 'default' || t.imported === '*' ? [] : [t.imported] };
      case 'param':
        return { kind: 'param', name: t.decl.name, path: [] };
    }
  }

  member(base: Ref, key: string): Ref {
    switch (base.kind) {
      case 'package':
        // `axios.default.create` is `axios.create`: interop wrappers add a `default`.
        if (key === 'default' && base.path.length === 0) return base;
        return { kind: 'package', module: base.module, path: [...base.path, key] };
      case 'global':
        if (base.path.length === 0 && GLOBAL_OBJECTS.has(base.name)) return { kind: 'global', name: key, path: [] };
        return { kind: 'global', name: base.name, path: [...base.path, key] };
      case 'param':
        return { ...base, path: [...base.path, key], fallback: base.fallback && this.member(base.fallback, key) };
      case 'module': {
        const t = base.ctx.exportTarget(key);
        return t ? this.targetRef(t) : { kind: 'unknown', name: key };
      }
      case 'member':
        return { kind: 'member', base: base.base, path: [...base.path, key] };
      case 'class':
        return this.classMember(base.ctx, base.node, key, base.instance) ?? { kind: 'member', base, path: [key] };
      case 'expr': {
        if (base.omit?.includes(key)) return { kind: 'unknown', name: key };
        const e = skipOuter(base.expr);
        if (isDefaultedToEmpty(e)) {
          // `config ?? {}`, `opts || {}`: the empty default has no keys, so a key is the left side's
          return this.member(this.deref(e.left, base.ctx, base.env, true), key);
        }
        if (ts.isObjectLiteralExpression(e)) return this.objectMember(e, key, base.ctx, base.env) ?? { kind: 'unknown', name: key };
        if (ts.isArrayLiteralExpression(e) && /^\d+$/.test(key)) {
          const el = e.elements[Number(key)];
          return el && !ts.isSpreadElement(el) && !ts.isOmittedExpression(el) ? this.deref(el, base.ctx, base.env, true) : { kind: 'unknown' };
        }
        if (ts.isNewExpression(e)) {
          // `new FrontClient(…).listContacts`: a method of a class we can see
          const cls = this.deref(e.expression, base.ctx, base.env, true);
          if (cls.kind === 'class') return this.member(cls, key);
        }
        if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) === false && ts.isPropertyAccessExpression(e.expression) &&
          e.expression.name.text === 'freeze' && e.arguments.length === 1) {
          return this.member(this.deref(e.arguments[0], base.ctx, base.env, true), key);
        }
        return { kind: 'member', base, path: [key] };
      }
      default:
        return { kind: 'unknown', name: key };
    }
  }

  /** A property of an object literal; later properties and spreads win, as at run time. */
  objectMember(obj: ts.ObjectLiteralExpression, key: string, ctx: FileContext, env: Env): Ref | undefined {
    // A spread of a parameter nobody binds here (`{ method: 'POST', path, ...opts }`) may hold the key or not: a
    // property written in the object says more, so the parameter is the answer only when nothing else is.
    let unbound: Ref | undefined;
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const r = this.member(this.deref(p.expression, ctx, env, true), key);
        if (r.kind === 'param' && !r.fallback) {
          unbound ??= r;
          continue;
        }
        if (r.kind !== 'unknown') return r;
        continue;
      }
      if (propertyNameText(p.name) !== key) continue;
      if (ts.isPropertyAssignment(p)) return this.deref(p.initializer, ctx, env, true);
      if (ts.isShorthandPropertyAssignment(p)) return this.deref(p.name, ctx, env, true);
      if (ts.isMethodDeclaration(p)) return { kind: 'function', ctx, node: p, env };
      if (ts.isGetAccessorDeclaration(p)) {
        const ret = singleReturn(p);
        return ret ? this.deref(ret, ctx, env, true) : { kind: 'unknown' };
      }
    }
    if (!unbound) {
      // a component's `this.frontApp` (one of its props) or `this._makeRequest` (one of its methods)
      for (const part of componentParts(obj)) {
        if (part.properties.some((p) => p.name && propertyNameText(p.name) === key)) return this.objectMember(part, key, ctx, env);
      }
    }
    return unbound;
  }

  /**
   * `this.x` of a class (or of an instance made by `new C(…)`): a constructor parameter property, a property
   * initializer, a method, or the single `this.x = …` in the constructor, looked up in the class and then in the
   * classes it extends. With a known instance, constructor parameters are bound to the `new` arguments (and a base
   * class's to its `super(…)` arguments), and `this` in the methods found is that instance.
   */
  private classMember(ctx: FileContext, cls: ts.ClassLikeDeclaration, key: string, instance?: Instance): Ref | undefined {
    const chain = this.classChain(ctx, cls, instance);
    // `this` in what is found: the instance, or else this class (its base classes' members then see its super(…) arguments).
    const self: Env = new Map();
    const me = instance ?? (cls.name ? { expr: cls.name, ctx, env: EMPTY_ENV } : undefined);
    if (me) for (const level of chain) self.set(level.cls, { expr: me.expr, ctx: me.ctx, env: me.env });
    for (const { ctx: lctx, cls: lcls, ctorEnv } of chain) {
      const ctor = lcls.members.find(ts.isConstructorDeclaration);
      const env = mergeEnv(ctorEnv, self);
      for (const p of ctor?.parameters ?? []) {
        // constructor(private readonly http: FrontHttp)
        if (!ts.isIdentifier(p.name) || p.name.text !== key || !ts.getModifiers(p)?.length) continue;
        const bound = env.get(p);
        if (bound) return this.deref(bound.expr, bound.ctx, bound.env, true);
        return this.unboundParam(p, lctx, key, []);
      }
      for (const m of lcls.members) {
        if (propertyNameText(m.name) !== key) continue;
        if (ts.isPropertyDeclaration(m) && m.initializer) return this.deref(m.initializer, lctx, self, true);
        if (ts.isMethodDeclaration(m)) return { kind: 'function', ctx: lctx, node: m, env: self };
        if (ts.isGetAccessorDeclaration(m)) {
          // reading a getter is reading what it returns (`get basePath() { return this.configuration.basePath ?? BASE_PATH }`)
          const ret = singleReturn(m);
          return ret ? this.deref(ret, lctx, self, true) : { kind: 'unknown' };
        }
      }
      if (ctor?.body) {
        let found: ts.Expression | undefined;
        let count = 0;
        const visit = (n: ts.Node): void => {
          if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) &&
            n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === key && !isNullish(n.right)) {
            // `this.http = null` before `if (enabled) this.http = axios.create(…)` clears the field; it is not a
            // second client, so only the assignments of a value count.
            found = n.right;
            count++;
          }
          if (!ts.isFunctionLike(n) || n === ctor) ts.forEachChild(n, visit);
        };
        visit(ctor);
        if (found && count === 1) return this.deref(found, lctx, env, true);
      }
    }
    return this.inheritedFromPackage(chain[chain.length - 1], key);
  }

  /**
   * A member the class chain inherits from a package's class (`class Api extends OAuth2Requester`, imported from a
   * framework): that export's member, when a client model describes it (`this._get(…)` of Frigg's requester).
   */
  private inheritedFromPackage(top: { ctx: FileContext; cls: ts.ClassLikeDeclaration } | undefined, key: string): Ref | undefined {
    const ext = top?.cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (!top || !ext) return undefined;
    const parent = this.deref(ext.expression, top.ctx, EMPTY_ENV, true);
    if (parent.kind !== 'package') return undefined;
    const path = [...parent.path, key];
    return this.modelledImport(parent.module, path.join('.')) ? { kind: 'package', module: parent.module, path } : undefined;
  }

  /**
   * The class and the classes it extends (up to 5), each with its constructor's parameters bound: to the `new`
   * arguments for the class itself, to the `super(…)` arguments for a base class (a class without a constructor
   * passes its arguments on).
   */
  private readonly staticChains = new Map<ts.Node, Array<{ ctx: FileContext; cls: ts.ClassLikeDeclaration; ctorEnv: Env }>>();

  private classChain(ctx: FileContext, cls: ts.ClassLikeDeclaration, instance?: Instance): Array<{ ctx: FileContext; cls: ts.ClassLikeDeclaration; ctorEnv: Env }> {
    // A class without a known instance has one chain per run (the evaluator lives as long as one statement's run)
    if (!instance) {
      let chain = this.staticChains.get(cls);
      if (!chain) this.staticChains.set(cls, (chain = this.buildClassChain(ctx, cls, undefined)));
      return chain;
    }
    return this.buildClassChain(ctx, cls, instance);
  }

  private buildClassChain(ctx: FileContext, cls: ts.ClassLikeDeclaration, instance?: Instance): Array<{ ctx: FileContext; cls: ts.ClassLikeDeclaration; ctorEnv: Env }> {
    const out: Array<{ ctx: FileContext; cls: ts.ClassLikeDeclaration; ctorEnv: Env }> = [];
    let args: { list: readonly ts.Expression[]; ctx: FileContext; env: Env } | undefined = instance
      ? { list: instance.expr.arguments ?? [], ctx: instance.ctx, env: instance.env }
      : undefined;
    let cur: { ctx: FileContext; cls: ts.ClassLikeDeclaration } | undefined = { ctx, cls };
    while (cur && out.length < 5 && !out.some((o) => o.cls === cur!.cls)) {
      const ctor = cur.cls.members.find(ts.isConstructorDeclaration);
      const ctorEnv = ctor && args ? bindArgs(ctor, args.list, args.ctx, args.env, EMPTY_ENV) : EMPTY_ENV;
      out.push({ ctx: cur.ctx, cls: cur.cls, ctorEnv });
      const ext = cur.cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (!ext) break;
      const parent = this.deref(ext.expression, cur.ctx, EMPTY_ENV, true);
      if (parent.kind !== 'class') break;
      if (ctor) {
        const sup = superCall(ctor);
        args = sup ? { list: sup.arguments, ctx: cur.ctx, env: ctorEnv } : undefined;
      }
      cur = { ctx: parent.ctx, cls: parent.node };
    }
    return out;
  }

  /**
   * A parameter with no argument bound to it: its default value; else what its declared type says (a class we can
   * see); else a `param` reference that remembers its declaration, so a client model can look for its value at the
   * function's call sites.
   */
  unboundParam(param: ts.ParameterDeclaration, ctx: FileContext, name: string, path: string[]): Ref {
    if (path.length === 0 && param.initializer) {
      const dflt = this.deref(param.initializer, ctx, EMPTY_ENV, true);
      // A client package as the default (`(axiosInstance: AxiosInstance = axios) => …`, orval's factory mode): what
      // the callers pass (`getFrontApi(frontHttp)`, configured there) runs; the bare package only when nobody passes one.
      if (dflt.kind === 'package' || (dflt.kind === 'global' && dflt.name === 'fetch' && dflt.path.length === 0))
        return { kind: 'param', name, path, decl: param, ctx, fallback: dflt };
      return dflt;
    }
    const typed = path.length === 0 && param.type ? this.typeInstance(param.type, ctx) : undefined;
    if (typed && typed.kind !== 'instance') return typed;
    return { kind: 'param', name, path, decl: param, ctx, fallback: typed };
  }

  // ---------------------------------------------------------------- strings

  /** The expression as URL parts. `anchor` is the node of the root being evaluated that led here. */
  evaluateString(e: ts.Expression, ctx: FileContext, env: Env = EMPTY_ENV): Part[] {
    return this.str(e, ctx, env, false, undefined);
  }

  /**
   * `PROVIDERS[provider]` where `provider` is a constant or a parameter bound at the call being evaluated
   * (`callProvider('acmecrm', …)`): the key's text, when every part of it is known.
   */
  private constantKey(arg: ts.Expression, ctx: FileContext, env: Env): string | undefined {
    const a = skipOuter(arg);
    if (!ts.isIdentifier(a) && !ts.isPropertyAccessExpression(a)) return undefined;
    const parts = this.str(a, ctx, env, true, a);
    return parts.length > 0 && parts.every((p) => p.kind === 'lit') ? parts.map((p) => (p as LitPart).text).join('') : undefined;
  }

  private str(e0: ts.Expression, ctx: FileContext, env: Env, indirect: boolean, anchor: ts.Node | undefined): Part[] {
    const e = skipOuter(e0);
    const anc = anchor ?? e;
    const hole = (name?: string): Part[] => [{ kind: 'hole', node: e, ctx, anchor: anc, indirect, name }];
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) {
      const raw = e.getText(ctx.sf).slice(1, -1);
      return [{ kind: 'lit', text: e.text, origin: { ctx, node: e, start: e.getStart(ctx.sf) + 1, exact: raw === e.text, rawEnd: e.end - 1 }, anchor: anchor ?? e, indirect }];
    }
    if (ts.isNumericLiteral(e)) {
      // a number in a URL is written as itself only when its text is its value (not 0x10, 1e3, 1_000)
      const written = e.getText(ctx.sf);
      const start = e.getStart(ctx.sf);
      return [{ kind: 'lit', text: e.text, origin: { ctx, node: e, start, exact: written === e.text, rawEnd: e.end }, anchor: anchor ?? e, indirect }];
    }
    if (ts.isTemplateExpression(e)) {
      const parts: Part[] = [];
      const chunk = (lit: ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail): void => {
        if (!lit.text) return;
        const exact = lit.rawText === undefined || lit.rawText === lit.text;
        const rawEnd = lit.end - (ts.isTemplateTail(lit) ? 1 : 2); // before '`' or '${'
        parts.push({ kind: 'lit', text: lit.text, origin: { ctx, node: lit, start: lit.getStart(ctx.sf) + 1, exact, rawEnd }, anchor: anchor ?? lit, indirect });
      };
      chunk(e.head);
      const spans = e.templateSpans;
      for (let i = 0; i < spans.length; i++) {
        const span = spans[i];
        // `${url.origin}${url.pathname}` of `url = new URL(address)`: the address without its query
        const whole = i + 1 < spans.length && !span.literal.text ? this.originAndPath(span.expression, spans[i + 1].expression, ctx, env) : undefined;
        if (whole) {
          parts.push(...this.str(whole.expr, whole.ctx, whole.env, true, anchor));
          chunk(spans[++i].literal);
          continue;
        }
        parts.push(...this.str(span.expression, ctx, env, indirect, anchor));
        chunk(span.literal);
      }
      return parts;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      // `a + b + c …` nests to the left: walk it with a loop (long concatenations must not exhaust the stack)
      const operands: ts.Expression[] = [];
      let x: ts.Expression = e;
      while (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        operands.push(x.right);
        x = skipOuter(x.left);
      }
      operands.push(x);
      const parts: Part[] = [];
      for (let i = operands.length - 1; i >= 0; i--) parts.push(...this.str(operands[i], ctx, env, indirect, anchor));
      return parts;
    }
    if (ts.isIdentifier(e) && ctx.isReassigned(e.text)) {
      // (a name assigned nowhere cannot have been built up; deref notes the `reassigned` fact for the incremental run)
      const built = this.appendedString(e, ctx, env, anc);
      if (built) return built;
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'href') {
        const base = this.deref(e.expression, ctx, env, indirect);
        if (base.kind === 'expr' && isNewUrl(base.expr)) return this.str(base.expr, base.ctx, base.env, true, anc);
      }
      const r = this.deref(e, ctx, env, indirect);
      return this.refString(r, e, ctx, indirect, anc);
    }
    if (ts.isCallExpression(e)) return this.callString(e, ctx, env, indirect, anchor);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      // `config.baseUrl ?? FRONT_API_BASE`: the default says what the URL usually is
      const a = this.str(e.left, ctx, env, true, anc);
      const b = this.str(e.right, ctx, env, true, anc);
      return informativeness(b) > informativeness(a) ? b : a;
    }
    if (ts.isConditionalExpression(e)) {
      // `path.startsWith('http') ? path : `${base}${path}``: the branch the path's known start decides, else the
      // branch that says more about the URL
      const known = decide(e.condition, this.textOf(ctx, env, anc));
      if (known !== undefined) return this.str(known ? e.whenTrue : e.whenFalse, ctx, env, true, anc);
      const a = this.str(e.whenTrue, ctx, env, true, anc);
      const b = this.str(e.whenFalse, ctx, env, true, anc);
      return informativeness(b) > informativeness(a) ? b : a;
    }
    if (ts.isNewExpression(e) && isNewUrl(e)) return this.newUrlString(e, ctx, env, indirect, anchor);
    return hole();
  }

  /** The known start of a string a branch condition tests (branches.ts), evaluated where the condition is. */
  private textOf(ctx: FileContext, env: Env, anc: ts.Node): TextOf {
    return (x) => {
      const parts = this.guard(x, undefined as Part[] | undefined, () => this.str(x, ctx, env, true, anc));
      if (!parts) return undefined;
      const flat = flatten(parts);
      const hole = flat.indexOf(HOLE_CHAR);
      return { prefix: hole < 0 ? flat : flat.slice(0, hole), complete: hole < 0 };
    };
  }

  /**
   * `a.origin` followed by `a.pathname` of the same `new URL(x)`: x itself (its query, if any, is dropped by the
   * caller's code, which is what `origin + pathname` is for). Undefined for anything else.
   */
  private originAndPath(first: ts.Expression, second: ts.Expression, ctx: FileContext, env: Env): { expr: ts.Expression; ctx: FileContext; env: Env } | undefined {
    const a = skipOuter(first);
    const b = skipOuter(second);
    if (!ts.isPropertyAccessExpression(a) || !ts.isPropertyAccessExpression(b)) return undefined;
    if (a.name.text !== 'origin' || b.name.text !== 'pathname') return undefined;
    if (a.expression.getText(ctx.sf) !== b.expression.getText(ctx.sf)) return undefined;
    const base = this.deref(a.expression, ctx, env, true);
    return base.kind === 'expr' && isNewUrl(base.expr) ? { expr: base.expr, ctx: base.ctx, env: base.env } : undefined;
  }

  /**
   * A variable built up with `+=` before this use: `let url = BASE + '/contacts/'; url += id; url += '/notes'`. Appends
   * in the declaration's own block are taken in order; an append under a condition or in a loop adds an unknown part.
   */
  private appendedString(e: ts.Identifier, ctx: FileContext, env: Env, anc: ts.Node): Part[] | undefined {
    const decl = ctx.lookup(e.text, e);
    if (!decl || decl.kind !== 'var' || decl.stable || !decl.init || decl.path.length || !ts.isVariableDeclaration(decl.node)) return undefined;
    const block = decl.node.parent.parent?.parent; // VariableDeclaration → List → Statement → block
    const appends: ts.BinaryExpression[] = [];
    for (const a of decl.ctx.assignmentsTo(e.text)) {
      if (!ts.isBinaryExpression(a) || decl.ctx.lookup(e.text, a.left)?.node !== decl.node) continue;
      if (a.pos >= e.pos) continue; // after this use
      if (a.operatorToken.kind !== ts.SyntaxKind.PlusEqualsToken) return undefined;
      appends.push(a);
    }
    if (!appends.length) return undefined;
    const init = decl.init;
    const parts = this.guard(init, undefined as Part[] | undefined, () => this.str(init, decl.ctx, env, true, anc));
    if (!parts) return undefined;
    for (const a of appends) {
      const st = a.parent;
      const straight = ts.isExpressionStatement(st) && st.parent === block;
      if (straight) parts.push(...this.str(a.right, decl.ctx, env, true, anc));
      else parts.push({ kind: 'hole', node: a.right, ctx: decl.ctx, anchor: anc, indirect: true });
    }
    return parts;
  }

  private refString(r: Ref, e: ts.Expression, ctx: FileContext, indirect: boolean, anc: ts.Node): Part[] {
    const hole = (name?: string): Part[] => [{ kind: 'hole', node: e, ctx, anchor: anc, indirect, name }];
    switch (r.kind) {
      case 'expr': {
        if (r.expr === e || (ts.isCallExpression(r.expr) && skipOuter(r.expr) === e)) return hole(nameOf(e));
        const target = r.expr;
        return this.guard(target, hole(nameOf(e)), () => this.str(target, r.ctx, r.env, true, anc));
      }
      case 'global':
        return hole(r.path.length ? r.path[r.path.length - 1] : r.name);
      case 'param':
        return hole(r.path.length ? r.path[r.path.length - 1] : r.name);
      case 'package':
        return hole(r.path[r.path.length - 1] ?? r.module);
      case 'unknown':
        return hole(r.name ?? nameOf(e));
      default:
        return hole(nameOf(e));
    }
  }

  private callString(e: ts.CallExpression, ctx: FileContext, env: Env, indirect: boolean, anchor: ts.Node | undefined): Part[] {
    const anc = anchor ?? e;
    const hole = (name?: string): Part[] => [{ kind: 'hole', node: e, ctx, anchor: anc, indirect, name }];
    const callee = skipOuter(e.expression);
    const args = e.arguments;
    if (ts.isPropertyAccessExpression(callee)) {
      const m = callee.name.text;
      const recv = callee.expression;
      if (m === 'concat' && !ts.isArrayLiteralExpression(skipOuter(recv))) {
        const parts = this.str(recv, ctx, env, indirect, anchor);
        for (const a of args) parts.push(...this.str(a, ctx, env, indirect, anchor));
        return parts;
      }
      if (m === 'join') {
        const arr = this.deref(recv, ctx, env, indirect);
        if (arr.kind === 'expr' && ts.isArrayLiteralExpression(skipOuter(arr.expr))) {
          const sep = args.length ? this.str(args[0], ctx, env, indirect, anchor) : [{ kind: 'lit', text: ',', anchor: anc, indirect } as Part];
          const parts: Part[] = [];
          const ind = arr.indirect || indirect;
          (skipOuter(arr.expr) as ts.ArrayLiteralExpression).elements.forEach((el, i) => {
            if (i > 0) parts.push(...sep.map((p) => ({ ...p, origin: undefined, separator: true }) as Part));
            parts.push(...(ts.isSpreadElement(el) || ts.isOmittedExpression(el) ? hole() : this.str(el, arr.ctx, arr.env, ind, ind ? anc : anchor)));
          });
          return parts;
        }
        // not an array: `path.posix.join(…)` and the like, below
      }
      if ((m === 'replace' || m === 'replaceAll') && args.length === 2) {
        const base = this.str(recv, ctx, env, indirect, anchor);
        let pattern = literalPattern(args[0]);
        if (pattern === undefined && !ts.isRegularExpressionLiteral(skipOuter(args[0]))) {
          // `{${"team_id"}}` (openapi-generator) and named constants: evaluate the pattern
          const p = this.str(args[0], ctx, env, true, anc);
          if (p.every((x) => x.kind === 'lit')) pattern = flatten(p);
        }
        // An unknown pattern only substitutes a placeholder: the rest of the route stays what it was.
        if (pattern === undefined) return base;
        const rep = this.str(args[1], ctx, env, indirect, anchor);
        return replaceInParts(base, pattern, rep, m === 'replaceAll' || isGlobalRegex(args[0]));
      }
      if (m === 'toString' || m === 'trim' || m === 'valueOf') return this.str(recv, ctx, env, indirect, anchor);
    }
    const fn = this.deref(callee, ctx, env, indirect);
    if (fn.kind === 'global' && fn.path.length === 0 && (fn.name === 'String') && args.length === 1) return this.str(args[0], ctx, env, indirect, anchor);
    if (fn.kind === 'global' && (fn.name === 'encodeURIComponent' || fn.name === 'encodeURI')) return hole(args[0] ? nameOf(args[0]) : undefined);
    if (fn.kind === 'package' && (fn.module === 'path' || fn.module === 'path/posix' || fn.module === 'url') &&
      (fn.path.join('.') === 'join' || fn.path.join('.') === 'posix.join' || fn.path.join('.') === 'resolve')) {
      const parts: Part[] = [];
      args.forEach((a, i) => {
        if (i > 0) parts.push({ kind: 'lit', text: '/', anchor: anc, indirect });
        parts.push(...this.str(a, ctx, env, indirect, anchor));
      });
      return normaliseSlashes(parts);
    }
    if (fn.kind === 'package' && fn.module === 'util' && fn.path.join('.') === 'format' && args.length >= 1) {
      const fmt = this.str(args[0], ctx, env, indirect, anchor);
      const rest = args.slice(1).map((a) => this.str(a, ctx, env, indirect, anchor));
      return formatParts(fmt, rest);
    }
    if (fn.kind === 'function') {
      const ret = singleReturn(fn.node);
      if (ret) {
        const fenv = bindArgs(fn.node, args, ctx, env, fn.env);
        return this.guard(ret, hole(), () => this.str(ret, fn.ctx, fenv, true, anc));
      }
      // `if (!params) return ''; return entries.join('&')`: a piece that may be empty is an optional suffix (a query),
      // not a path segment: `/contacts/${toUrlParam(params)}` may well be the list route.
      if (mayReturnEmpty(fn.node)) return [];
      // `if (!query) return url; return `${url}?${qs}``: the return that says most about the URL, as for `a ? b : c`
      const rets = returnsOf(fn.node);
      if (rets.length > 1 && rets.length <= 4) {
        const fenv = bindArgs(fn.node, args, ctx, env, fn.env);
        // only the returns the arguments can reach (`if (isAbsolute(url)) return url`), when their guards say
        const textOf = this.textOf(fn.ctx, fenv, anc);
        const reachable = rets.filter((r) => mayRun(guardsOf(r, fn.node), textOf));
        let best: Part[] | undefined;
        for (const r of reachable.length ? reachable : rets) {
          const parts = this.guard(r, undefined as Part[] | undefined, () => this.str(r, fn.ctx, fenv, true, anc));
          if (parts && (!best || informativeness(parts) > informativeness(best))) best = parts;
        }
        if (best) return best;
      }
    }
    return hole(nameOf(callee));
  }

  private newUrlString(e: ts.NewExpression, ctx: FileContext, env: Env, indirect: boolean, anchor: ts.Node | undefined): Part[] {
    const args = e.arguments ?? ts.factory.createNodeArray();
    if (args.length === 0) return [{ kind: 'hole', node: e, ctx, anchor: anchor ?? e, indirect }];
    const path = this.str(args[0], ctx, env, indirect, anchor);
    if (args.length < 2) return path;
    const base = this.str(args[1], ctx, env, indirect, anchor);
    return resolveUrl(path, base);
  }
}

// ---------------------------------------------------------------- helpers on parts

export function flatten(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) s += p.kind === 'lit' ? p.text : HOLE_CHAR;
  return s;
}

/** For each character of `flatten(parts)`, which part and which offset in it. */
export function charIndex(parts: readonly Part[]): Array<[number, number]> {
  const idx: Array<[number, number]> = [];
  parts.forEach((p, i) => {
    if (p.kind === 'lit') for (let j = 0; j < p.text.length; j++) idx.push([i, j]);
    else idx.push([i, 0]);
  });
  return idx;
}

export function sliceLit(p: LitPart, from: number, to: number): LitPart {
  if (!p.origin) return { ...p, text: p.text.slice(from, to) };
  // With escapes, text offsets are not source offsets: the slice keeps its origin (for locations) but no range.
  // With escapes, text offsets are not source offsets: keep the whole literal's range and where the slice starts.
  const origin = p.origin.exact
    ? { ...p.origin, start: p.origin.start + from, rawEnd: p.origin.start + to }
    : { ...p.origin, cookedBase: (p.origin.cookedBase ?? 0) + from };
  return { ...p, text: p.text.slice(from, to), origin };
}

function replaceInParts(base: Part[], pattern: string, rep: Part[], all: boolean): Part[] {
  const out: Part[] = [];
  let done = false;
  for (const p of base) {
    if (p.kind !== 'lit' || (done && !all) || !pattern) {
      out.push(p);
      continue;
    }
    let from = 0;
    for (;;) {
      const at = p.text.indexOf(pattern, from);
      if (at < 0 || (done && !all)) break;
      if (at > from) out.push(sliceLit(p, from, at));
      const r = p.origin ? sourceRange(p.origin, at, at + pattern.length) : undefined;
      const span = r ? { start: r[0], end: r[1] } : undefined;
      // What was inserted stands where the pattern was written: anchor it to the receiver's literal.
      out.push(...rep.map((r) => ({ ...r, anchor: p.anchor, indirect: p.indirect || r.indirect, replaced: span }) as Part));
      from = at + pattern.length;
      done = true;
    }
    if (from < p.text.length) out.push(sliceLit(p, from, p.text.length));
  }
  return out;
}

function formatParts(fmt: Part[], args: Part[][]): Part[] {
  const out: Part[] = [];
  let k = 0;
  for (const p of fmt) {
    if (p.kind !== 'lit') {
      out.push(p);
      continue;
    }
    let from = 0;
    const re = /%[sdifjoO]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(p.text))) {
      if (m.index > from) out.push(sliceLit(p, from, m.index));
      out.push(...(args[k++] ?? []));
      from = m.index + 2;
    }
    if (from < p.text.length) out.push(sliceLit(p, from, p.text.length));
  }
  return out;
}

/** path.join-like: collapse the doubled slashes the synthetic separators introduce. */
function normaliseSlashes(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === 'lit' && !p.origin && p.text === '/' && prev?.kind === 'lit' && prev.text.endsWith('/')) continue;
    if (p.kind === 'lit' && p.text.startsWith('/') && prev?.kind === 'lit' && !prev.origin && prev.text === '/') {
      out.pop();
    }
    out.push(p);
  }
  return out;
}

/** `new URL(path, base)`: an absolute path replaces the base's path; a relative one is appended to its directory. */
function resolveUrl(path: Part[], base: Part[]): Part[] {
  const p = flatten(path);
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('//')) return path;
  const b = flatten(base);
  const originLen = /^([a-z][a-z0-9+.-]*:)?\/\/[^/?#]*/i.exec(b)?.[0].length;
  let keep: number;
  if (p.startsWith('/')) keep = originLen ?? (b.startsWith(HOLE_CHAR) ? 1 : b.length);
  else {
    const q = b.search(/[?#]/);
    const upto = q < 0 ? b.length : q;
    const slash = b.lastIndexOf('/', upto - 1);
    keep = originLen !== undefined && slash < originLen ? upto : slash + 1;
  }
  const out: Part[] = [];
  let pos = 0;
  for (const part of base) {
    const len = part.kind === 'lit' ? part.text.length : 1;
    if (pos + len <= keep) out.push(part);
    else if (pos < keep && part.kind === 'lit') out.push(sliceLit(part, 0, keep - pos));
    pos += len;
  }
  if (!p.startsWith('/') && keep > 0 && !flatten(out).endsWith('/') && originLen !== undefined && keep === originLen)
    out.push({ kind: 'lit', text: '/', anchor: path[0]?.anchor ?? base[0].anchor, indirect: true });
  return [...out, ...path];
}

// ---------------------------------------------------------------- syntax helpers

export function literalKey(e: ts.Expression): string | undefined {
  e = skipOuter(e);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return e.text;
  return undefined;
}

function literalPattern(e: ts.Expression): string | undefined {
  e = skipOuter(e);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isRegularExpressionLiteral(e)) {
    const m = /^\/(.*)\/([a-z]*)$/s.exec(e.text);
    if (!m) return undefined;
    // Only regexes that are plain text once escapes are removed (`/:team_id/`, `/\{team_id\}/g`).
    const body = m[1];
    if (/[\^$.*+?()[\]|]/.test(body.replace(/\\./g, ''))) return undefined;
    return body.replace(/\\(.)/g, '$1');
  }
  return undefined;
}

function isGlobalRegex(e: ts.Expression): boolean {
  e = skipOuter(e);
  return ts.isRegularExpressionLiteral(e) && /\/[a-z]*g[a-z]*$/.test(e.text);
}

export function isNewUrl(e: ts.Expression): e is ts.NewExpression {
  e = skipOuter(e);
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL';
}

export function nameOf(e: ts.Node): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isCallExpression(e)) return nameOf(e.expression);
  return undefined;
}


export function enclosingClass(n: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isClassLike(p)) return p;
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p)) return undefined; // `this` rebinds
  }
  return undefined;
}

/** The object literal whose method (or function-valued property) `this` is used in; arrow functions keep the outer `this`. */
function enclosingObjectLiteral(n: ts.Node): ts.ObjectLiteralExpression | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isArrowFunction(p)) continue;
    if (ts.isClassLike(p) || ts.isFunctionDeclaration(p) || ts.isConstructorDeclaration(p)) return undefined;
    if (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p))
      return ts.isObjectLiteralExpression(p.parent) ? componentOf(p.parent) : undefined;
    if (ts.isFunctionExpression(p)) {
      const holder = p.parent;
      return holder && ts.isPropertyAssignment(holder) && ts.isObjectLiteralExpression(holder.parent) ? componentOf(holder.parent) : undefined;
    }
  }
  return undefined;
}

/**
 * `methods: { … }` of a component object (a Pipedream app or action, a Vue component): `this` in those methods is
 * the component, whose `methods` and `props` are reachable as `this.x` (see componentParts).
 */
function componentOf(obj: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression {
  const holder = obj.parent;
  if (holder && ts.isPropertyAssignment(holder) && propertyNameText(holder.name) === 'methods' && ts.isObjectLiteralExpression(holder.parent)) return holder.parent;
  return obj;
}

/** The `methods` and `props` objects of a component object, where `this.x` finds what the object itself does not hold. */
function componentParts(obj: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression[] {
  const out: ts.ObjectLiteralExpression[] = [];
  for (const p of obj.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const v = skipOuter(p.initializer);
    const key = propertyNameText(p.name);
    if (ts.isObjectLiteralExpression(v) && (key === 'methods' || key === 'props')) out.push(v);
  }
  return out;
}

/** The expression a function returns, when it has exactly one return (or an expression body). */
export function singleReturn(fn: ts.FunctionLikeDeclaration | ts.SignatureDeclaration): ts.Expression | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  let ret: ts.Expression | undefined;
  let count = 0;
  // `if (client) return client; client = axios.create(…); return client`: every return says the same name
  let sameName: string | undefined | null;
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) {
      count++;
      ret = n.expression;
      const name = ret && ts.isIdentifier(skipOuter(ret)) ? (skipOuter(ret) as ts.Identifier).text : null;
      sameName = sameName === undefined || sameName === name ? name : null;
      return;
    }
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return count === 1 || (count > 1 && sameName) ? ret : undefined;
}

export function bindArgs(fn: ts.SignatureDeclaration, args: readonly ts.Expression[], ctx: FileContext, env: Env, closure: Env): Env {
  const out: Env = new Map(closure);
  // A TypeScript `this` parameter (`function f(this: IExecuteFunctions, method: string)`) takes no argument.
  const params = fn.parameters[0] && ts.isIdentifier(fn.parameters[0].name) && fn.parameters[0].name.text === 'this' ? fn.parameters.slice(1) : fn.parameters;
  params.forEach((p, i) => {
    const a = args[i];
    if (a && !ts.isSpreadElement(a) && !p.dotDotDotToken) out.set(p, { expr: a, ctx, env });
  });
  return out;
}

/** The expressions a function's return statements return (not those of nested functions). */
function returnsOf(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const out: ts.Expression[] = [];
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return out;
  const visit = (n: ts.Node): void => {
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(n.expression);
      return;
    }
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    ts.forEachChild(n, visit);
  };
  body.statements.forEach(visit);
  return out;
}

/** Whether one of a function's returns is an empty string literal. */
function mayReturnEmpty(fn: ts.FunctionLikeDeclaration): boolean {
  return returnsOf(fn).some((r) => {
    const e = skipOuter(r);
    return (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && e.text === '';
  });
}

/** Whether a node runs in a loop of its function (not counting loops outside the function it is in). */
function inLoop(n: ts.Node): boolean {
  for (let p = n.parent; p && !ts.isFunctionLike(p); p = p.parent) {
    if (ts.isForOfStatement(p) || ts.isForInStatement(p) || ts.isForStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p)) return true;
  }
  return false;
}

/** `${name}…` or `name + …`: a value that extends the variable's own. */
function startsWithName(e: ts.Expression, name: string): boolean {
  let first: ts.Expression | undefined;
  if (ts.isTemplateExpression(e) && e.head.text === '') first = e.templateSpans[0]?.expression;
  else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    first = e.left;
    while (ts.isBinaryExpression(first) && first.operatorToken.kind === ts.SyntaxKind.PlusToken) first = first.left;
  }
  return first !== undefined && ts.isIdentifier(skipOuter(first)) && (skipOuter(first) as ts.Identifier).text === name;
}

/** Bindings of `a`, overridden by those of `b`. */
function mergeEnv(a: Env, b: Env): Env {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out: Env = new Map(a);
  for (const [k, v] of b) out.set(k, v);
  return out;
}

/** The `super(…)` call of a constructor. */
function superCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | undefined {
  for (const st of ctor.body?.statements ?? []) {
    if (ts.isExpressionStatement(st) && ts.isCallExpression(st.expression) && st.expression.expression.kind === ts.SyntaxKind.SuperKeyword)
      return st.expression;
  }
  return undefined;
}

/** The parameter a (possibly destructured) binding belongs to, with the property path inside it. */
function topParam(n: ts.Node): { param: ts.ParameterDeclaration; path: string[] } | undefined {
  const path: string[] = [];
  let cur: ts.Node = n;
  while (ts.isBindingElement(cur)) {
    const pat = cur.parent;
    if (ts.isObjectBindingPattern(pat)) {
      // `{ path, ...opts }`: the rest is the same object without the keys named before it, read as the whole object
      // (Pipedream's `_makeRequest({ $ = this, path, ...opts })` passes the caller's `method` on in `...opts`)
      if (!cur.dotDotDotToken) {
        const key = cur.propertyName ? propertyNameText(cur.propertyName) : ts.isIdentifier(cur.name) ? cur.name.text : undefined;
        if (key === undefined) return undefined;
        path.unshift(key);
      }
    } else path.unshift(String(pat.elements.indexOf(cur)));
    cur = pat.parent;
  }
  return ts.isParameter(cur) ? { param: cur, path } : undefined;
}

function isAmbient(n: ts.Node): boolean {
  for (let p: ts.Node | undefined = n; p; p = p.parent) {
    if (ts.isVariableStatement(p) || ts.isModuleDeclaration(p)) {
      if ((ts.getModifiers(p as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
    }
    if (ts.isSourceFile(p)) return p.isDeclarationFile;
  }
  return false;
}

/**
 * How much a URL value says: a scheme and host first, then literal characters. Slashes do not count:
 * `path.startsWith('/') ? path : `/${path}`` says nothing more in its second branch.
 */
function informativeness(parts: Part[]): number {
  const flat = flatten(parts);
  let lit = 0;
  for (const p of parts) if (p.kind === 'lit') lit += p.text.replace(/\//g, '').length;
  return (/^[a-z][a-z0-9+.-]*:\/\//i.test(flat) ? 10000 : 0) + lit;
}

/** `x ?? {}` / `x || {}`: an object that is x when there is one. */
export function isDefaultedToEmpty(e: ts.Expression): e is ts.BinaryExpression {
  if (!ts.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op !== ts.SyntaxKind.QuestionQuestionToken && op !== ts.SyntaxKind.BarBarToken) return false;
  const right = skipOuter(e.right);
  return ts.isObjectLiteralExpression(right) && right.properties.length === 0;
}

/** `null`, `undefined` or `void 0`: a field cleared, not given a value. */
function isNullish(e: ts.Expression): boolean {
  const x = skipOuter(e);
  return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined') || ts.isVoidExpression(x);
}
