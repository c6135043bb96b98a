// One parsed file and the name resolution the engine needs on it: scopes, imports, exports.
// No type checker: resolution is syntactic, and whatever cannot be resolved becomes a hole.
import { ts, parse, reparse, skipOuter, propertyNameText } from './ts';
import type { AnalyzeOptions, SourceHost } from './types';

export type Decl =
  | { kind: 'var'; ctx: FileContext; node: ts.VariableDeclaration | ts.BindingElement; init?: ts.Expression; path: string[]; stable: boolean; name: string }
  | { kind: 'param'; ctx: FileContext; node: ts.ParameterDeclaration | ts.BindingElement; name: string }
  | { kind: 'function'; ctx: FileContext; node: ts.FunctionDeclaration; name: string }
  | { kind: 'class'; ctx: FileContext; node: ts.ClassDeclaration; name: string }
  | { kind: 'import'; ctx: FileContext; node: ts.Node; module: string; imported: string; name: string }
  | { kind: 'type'; ctx: FileContext; node: ts.TypeAliasDeclaration; name: string };

/** Where a name or an export ends up: an expression (with a property path still to apply), a function, a module. */
export type Target =
  | { kind: 'expr'; ctx: FileContext; expr: ts.Expression; path: string[] }
  | { kind: 'function'; ctx: FileContext; node: ts.FunctionLikeDeclaration }
  | { kind: 'class'; ctx: FileContext; node: ts.ClassDeclaration }
  | { kind: 'module'; ctx: FileContext }
  | { kind: 'package'; module: string; imported: string; path: string[]; ctx: FileContext; node: ts.Node }
  | { kind: 'param'; ctx: FileContext; decl: Decl & { kind: 'param' }; path: string[] };

// Cheap pre-check on raw text before looking at the code's strings and names.
const FRONT_WORDS = /frontapp\.com|front_?api|front_?token/i;
/** Hosts of Front's Core API (not app., chat-assets., dev. or help.frontapp.com). */
export const CORE_API_HOST = /(?:^|[/.@])(?:api2?|[a-z0-9-]+\.api)\.frontapp\.com(?![a-z0-9-])/i;
// Names that say "Front's API", as snake_case words. Deliberately not FRONT_URL / frontBaseUrl / frontClient /
// FRONT_CHAT_ID: in many apps those name the app's own front end or the chat widget.
const FRONT_API_NAME = /(?:^|_)front_?(?:api|token|api_?key|api_?token)(?:_|$)/;

/** `frontApiToken` / `FRONT_API_TOKEN` → `front_api_token`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase();
}

const MAX_CACHED_FILES = 150;

export class Project {
  private readonly files = new Map<string, FileContext>();
  constructor(readonly options: AnalyzeOptions) {}
  get host(): SourceHost | undefined {
    return this.options.host;
  }
  file(fileName: string, text: string): FileContext {
    const cached = this.files.get(fileName);
    if (cached && cached.text === text) return cached;
    // An edited version of a file we parsed (the editor, on every keystroke): reparse incrementally.
    const fc = new FileContext(this, fileName, text, cached?.sf);
    this.files.delete(fileName);
    this.files.set(fileName, fc);
    // Bounded memory on big repositories: forget the least recently added files (they are re-parsed if needed).
    if (this.files.size > MAX_CACHED_FILES) {
      const oldest = this.files.keys().next().value;
      if (oldest !== undefined && oldest !== fileName) this.files.delete(oldest);
    }
    return fc;
  }
  /** The file an import specifier refers to, parsed; undefined for packages and unreadable files. */
  importedFile(from: FileContext, specifier: string): FileContext | undefined {
    const host = this.host;
    if (!host) return undefined;
    let target: string | undefined;
    try {
      target = host.resolveImport(from.fileName, specifier);
      if (!target) return undefined;
      const cached = this.files.get(target);
      const text = host.readFile(target);
      if (text === undefined) return undefined;
      if (cached && cached.text === text) return cached;
      return this.file(target, text);
    } catch {
      return undefined;
    }
  }
}

const SCOPE_KINDS = new Set([
  ts.SyntaxKind.SourceFile, ts.SyntaxKind.Block, ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor,
]);

export class FileContext {
  readonly sf: ts.SourceFile;
  private readonly scopes = new Map<ts.Node, Map<string, Decl>>();
  private assigned?: Set<string>;
  private exportCache = new Map<string, Target | undefined>();
  private evidence?: boolean;

  constructor(readonly project: Project, readonly fileName: string, readonly text: string, previous?: ts.SourceFile) {
    this.sf = previous ? reparse(previous, text) : parse(fileName, text);
  }

  /** The declaration a name refers to at `at`, walking scopes outwards. */
  lookup(name: string, at: ts.Node): Decl | undefined {
    for (let n: ts.Node | undefined = at; n; n = n.parent) {
      if (!SCOPE_KINDS.has(n.kind)) continue;
      const d = this.scopeDecls(n).get(name);
      if (d) return d;
    }
    return undefined;
  }

  private allNodes?: ts.Node[];

  /**
   * Every node of the file in source order (pre-order), computed once with an explicit stack: rules filter
   * this list instead of each walking the tree, and deeply nested code cannot exhaust the call stack.
   */
  nodes(): ts.Node[] {
    if (this.allNodes) return this.allNodes;
    const out: ts.Node[] = [];
    const stack: ts.Node[] = [this.sf];
    const kids: ts.Node[] = [];
    const collect = (c: ts.Node): void => {
      kids.push(c);
    };
    while (stack.length) {
      const n = stack.pop()!;
      out.push(n);
      kids.length = 0;
      ts.forEachChild(n, collect, (arr) => {
        for (const c of arr) kids.push(c);
      });
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
    this.allNodes = out;
    return out;
  }

  /** Names assigned after their declaration somewhere in the file (`x = …`, `x += …`, `x++`). */
  isReassigned(name: string): boolean {
    if (!this.assigned) {
      const set = new Set<string>();
      for (const n of this.nodes()) {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(n.left)) set.add(n.left.text);
        else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) &&
          (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) set.add(n.operand.text);
      }
      this.assigned = set;
    }
    return this.assigned.has(name);
  }

  /** True when this file, or a project file it imports, points at Front's Core API. */
  hasFrontEvidence(): boolean {
    if (this.evidence !== undefined) return this.evidence;
    this.evidence = false; // guards import cycles
    let found = this.codeNamesFrontApi();
    if (!found) {
      for (const spec of this.importSpecifiers()) {
        const f = this.project.importedFile(this, spec);
        if (f && f.codeNamesFrontApi()) {
          found = true;
          break;
        }
      }
    }
    this.evidence = found;
    return found;
  }

  private ownEvidence?: boolean;

  /**
   * Evidence from code, never from comments: a string naming a Core API host (api2.frontapp.com,
   * api.frontapp.com, <company>.api.frontapp.com or a configured base URL), or a name such as
   * FRONT_API_TOKEN / frontApiKey. Front Chat, app.frontapp.com links and plugin SDKs are not the Core API.
   */
  codeNamesFrontApi(): boolean {
    if (this.ownEvidence !== undefined) return this.ownEvidence;
    const hosts = (this.project.options.frontBaseUrls ?? []).map((u) => hostOf(u)).filter((h): h is string => !!h);
    let found = false;
    if (FRONT_WORDS.test(this.text) || hosts.some((h) => this.text.includes(h))) {
      for (const n of this.nodes()) {
        if (ts.isStringLiteralLike(n) || ts.isTemplateLiteralToken(n)) {
          const t = n.text;
          if (CORE_API_HOST.test(t) || hosts.some((h) => t.includes(h)) || FRONT_API_NAME.test(words(t))) {
            found = true;
            break;
          }
        } else if (ts.isIdentifier(n) && FRONT_API_NAME.test(words(n.text))) {
          found = true;
          break;
        }
      }
    }
    this.ownEvidence = found;
    return found;
  }

  importSpecifiers(): string[] {
    const specs: string[] = [];
    for (const st of this.sf.statements) {
      if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier))
        specs.push(st.moduleSpecifier.text);
    }
    if (/\brequire\s*\(/.test(this.text))
      for (const n of this.nodes())
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'require' && n.arguments.length === 1 &&
          ts.isStringLiteral(n.arguments[0])) specs.push(n.arguments[0].text);
    return specs;
  }

  private scopeDecls(scope: ts.Node): Map<string, Decl> {
    let m = this.scopes.get(scope);
    if (m) return m;
    m = new Map();
    this.scopes.set(scope, m);
    const addVarList = (list: ts.VariableDeclarationList): void => {
      const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
      for (const d of list.declarations) this.addBinding(m!, d.name, d, d.initializer, [], isConst);
    };
    const addStatement = (st: ts.Statement): void => {
      if (ts.isVariableStatement(st)) addVarList(st.declarationList);
      else if (ts.isFunctionDeclaration(st) && st.name) m!.set(st.name.text, { kind: 'function', ctx: this, node: st, name: st.name.text });
      else if (ts.isClassDeclaration(st) && st.name) m!.set(st.name.text, { kind: 'class', ctx: this, node: st, name: st.name.text });
      else if (ts.isTypeAliasDeclaration(st)) m!.set(st.name.text, { kind: 'type', ctx: this, node: st, name: st.name.text });
      else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause) {
        const module = st.moduleSpecifier.text;
        const ic = st.importClause;
        if (ic.name) m!.set(ic.name.text, { kind: 'import', ctx: this, node: ic, module, imported: 'default', name: ic.name.text });
        const nb = ic.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) m!.set(nb.name.text, { kind: 'import', ctx: this, node: nb, module, imported: '*', name: nb.name.text });
        else if (nb && ts.isNamedImports(nb))
          for (const el of nb.elements)
            m!.set(el.name.text, { kind: 'import', ctx: this, node: el, module, imported: (el.propertyName ?? el.name).text, name: el.name.text });
      } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference) &&
        ts.isStringLiteral(st.moduleReference.expression)) {
        m!.set(st.name.text, { kind: 'import', ctx: this, node: st, module: st.moduleReference.expression.text, imported: '*', name: st.name.text });
      } else if (ts.isExportDeclaration(st)) {
        // nothing: re-exports do not bind local names
      } else if (ts.isLabeledStatement(st)) addStatement(st.statement);
    };
    if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) {
      for (const st of scope.statements) addStatement(st);
      if (ts.isBlock(scope) && scope.parent && ts.isFunctionLike(scope.parent)) this.addHoistedVars(scope, m);
    } else if (ts.isCaseBlock(scope)) {
      for (const c of scope.clauses) for (const st of c.statements) addStatement(st);
    } else if (ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) {
      const init = scope.initializer;
      if (init && ts.isVariableDeclarationList(init)) {
        // loop variables change on every iteration: never constant
        for (const d of init.declarations) this.addBinding(m, d.name, d, undefined, [], false);
      }
    } else if (ts.isCatchClause(scope)) {
      if (scope.variableDeclaration) this.addBinding(m, scope.variableDeclaration.name, scope.variableDeclaration, undefined, [], false);
    } else if (ts.isFunctionLike(scope)) {
      const fn = scope as ts.SignatureDeclaration;
      for (const p of fn.parameters) this.addParam(m, p.name, p);
      if ((ts.isFunctionExpression(scope) || ts.isFunctionDeclaration(scope)) && scope.name && !m.has(scope.name.text) && ts.isFunctionExpression(scope))
        m.set(scope.name.text, { kind: 'function', ctx: this, node: scope as unknown as ts.FunctionDeclaration, name: scope.name.text });
    }
    return m;
  }

  /** `var` declarations in nested blocks belong to the function. */
  private addHoistedVars(body: ts.Block, m: Map<string, Decl>): void {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isVariableDeclarationList(n) && !(n.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)))
        for (const d of n.declarations) if (!m.has(d.name.getText())) this.addBinding(m, d.name, d, d.initializer, [], false);
      ts.forEachChild(n, visit);
    };
    for (const st of body.statements) if (!ts.isVariableStatement(st)) ts.forEachChild(st, visit);
  }

  private addParam(m: Map<string, Decl>, name: ts.BindingName, p: ts.ParameterDeclaration | ts.BindingElement): void {
    if (ts.isIdentifier(name)) m.set(name.text, { kind: 'param', ctx: this, node: p, name: name.text });
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) this.addParam(m, el.name, el);
  }

  private addBinding(m: Map<string, Decl>, name: ts.BindingName, node: ts.VariableDeclaration | ts.BindingElement,
    init: ts.Expression | undefined, path: string[], isConst: boolean): void {
    if (ts.isIdentifier(name)) {
      const stable = isConst || (init !== undefined && !this.isReassigned(name.text));
      const req = init && requireCall(init);
      if (req) {
        // const x = require('m'), const { a } = require('m'), const x = require('m').default
        m.set(name.text, { kind: 'import', ctx: this, node, module: req.module, imported: path.length ? path[0] : req.member ?? 'default', name: name.text });
        return;
      }
      m.set(name.text, { kind: 'var', ctx: this, node, init, path, stable, name: name.text });
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        if (el.dotDotDotToken) continue;
        const key = el.propertyName ? propertyNameText(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
        if (key === undefined) continue;
        this.addBinding(m, el.name, el, init, [...path, key], isConst);
      }
    } else {
      name.elements.forEach((el, i) => {
        if (!ts.isOmittedExpression(el) && !el.dotDotDotToken) this.addBinding(m, el.name, el, init, [...path, String(i)], isConst);
      });
    }
  }

  /** An exported type alias or class named `name` (for following declared parameter types across files). */
  exportedType(name: string, depth = 0): { ctx: FileContext; node: ts.TypeAliasDeclaration | ts.ClassDeclaration } | undefined {
    if (depth > 6) return undefined;
    for (const st of this.sf.statements) {
      if ((ts.isTypeAliasDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) {
        const exported = (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
        if (exported) return { ctx: this, node: st };
      }
      if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (st.exportClause && ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (from) return this.project.importedFile(this, from)?.exportedType(local, depth + 1);
            const d = this.lookup(local, this.sf);
            if (d?.kind === 'type') return { ctx: this, node: d.node };
            if (d?.kind === 'class') return { ctx: this, node: d.node };
          }
        } else if (!st.exportClause && from) {
          const t = this.project.importedFile(this, from)?.exportedType(name, depth + 1);
          if (t) return t;
        }
      }
    }
    return undefined;
  }

  /** What an exported name of this module is. 'default' for the default export / module.exports. */
  exportTarget(name: string, depth = 0): Target | undefined {
    if (this.exportCache.has(name)) return this.exportCache.get(name);
    this.exportCache.set(name, undefined); // cycle guard
    const t = depth > 8 ? undefined : this.findExport(name, depth);
    this.exportCache.set(name, t);
    return t;
  }

  private findExport(name: string, depth: number): Target | undefined {
    const sf = this.sf;
    const hasExport = (n: ts.Node): boolean =>
      ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((mod) => mod.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = (n: ts.Node): boolean =>
      ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((mod) => mod.kind === ts.SyntaxKind.DefaultKeyword);
    let cjs: Target | undefined;
    for (const st of sf.statements) {
      if (ts.isVariableStatement(st) && hasExport(st)) {
        for (const d of st.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { kind: 'expr', ctx: this, expr: d.initializer, path: [] };
          if (!ts.isIdentifier(d.name)) {
            const decl = this.lookup(name, st);
            if (decl && decl.kind === 'var' && decl.init) return { kind: 'expr', ctx: this, expr: decl.init, path: decl.path };
          }
        }
      } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && hasExport(st)) {
        const matches = isDefault(st) ? name === 'default' : st.name?.text === name;
        if (matches) return ts.isFunctionDeclaration(st) ? { kind: 'function', ctx: this, node: st } : { kind: 'class', ctx: this, node: st };
      } else if (ts.isExportAssignment(st)) {
        if (name === 'default' || st.isExportEquals) {
          const t: Target = { kind: 'expr', ctx: this, expr: st.expression, path: st.isExportEquals && name !== 'default' ? [name] : [] };
          if (name === 'default' || st.isExportEquals) return t;
        }
      } else if (ts.isExportDeclaration(st)) {
        const from = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (!st.exportClause) {
          if (from && name !== 'default') {
            const f = this.project.importedFile(this, from);
            const t = f?.exportTarget(name, depth + 1);
            if (t) return t;
          }
        } else if (ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (from) {
              const f = this.project.importedFile(this, from);
              return f?.exportTarget(local, depth + 1);
            }
            const decl = this.lookup(local, sf);
            return decl ? declTarget(decl, depth + 1) : undefined;
          }
        } else if (ts.isNamespaceExport(st.exportClause) && st.exportClause.name.text === name && from) {
          const f = this.project.importedFile(this, from);
          return f ? { kind: 'module', ctx: f } : undefined;
        }
      } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) &&
        st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        // CommonJS: module.exports = …, module.exports.x = …, exports.x = …
        const lhs = st.expression.left.getText(sf).replace(/\s+/g, '');
        const rhs = st.expression.right;
        if (lhs === 'module.exports') {
          cjs = name === 'default' ? { kind: 'expr', ctx: this, expr: rhs, path: [] } : { kind: 'expr', ctx: this, expr: rhs, path: [name] };
        } else if (lhs === `module.exports.${name}` || lhs === `exports.${name}`) return { kind: 'expr', ctx: this, expr: rhs, path: [] };
      }
    }
    return cjs;
  }
}

export function declTarget(decl: Decl, depth = 0): Target | undefined {
  switch (decl.kind) {
    case 'var':
      if (!decl.stable || !decl.init) return undefined;
      return { kind: 'expr', ctx: decl.ctx, expr: decl.init, path: decl.path };
    case 'function':
      return { kind: 'function', ctx: decl.ctx, node: decl.node };
    case 'class':
      return { kind: 'class', ctx: decl.ctx, node: decl.node };
    case 'param':
      return { kind: 'param', ctx: decl.ctx, decl, path: [] };
    case 'type':
      return undefined;
    case 'import': {
      const f = decl.ctx.project.importedFile(decl.ctx, decl.module);
      if (!f) return { kind: 'package', module: decl.module, imported: decl.imported, path: [], ctx: decl.ctx, node: decl.node };
      if (decl.imported === '*') return { kind: 'module', ctx: f };
      return f.exportTarget(decl.imported, depth) ?? (decl.imported === 'default' ? { kind: 'module', ctx: f } : undefined);
    }
  }
}

/** `require('m')`, `require('m').x`, `await import('m')`. */
export function requireCall(e: ts.Expression): { module: string; member?: string } | undefined {
  e = skipOuter(e);
  if (ts.isAwaitExpression(e)) e = skipOuter(e.expression);
  let member: string | undefined;
  if (ts.isPropertyAccessExpression(e)) {
    member = e.name.text;
    e = skipOuter(e.expression);
  }
  if (ts.isCallExpression(e) && e.arguments.length >= 1 && ts.isStringLiteralLike(e.arguments[0]) &&
    ((ts.isIdentifier(e.expression) && e.expression.text === 'require') || e.expression.kind === ts.SyntaxKind.ImportKeyword)) {
    return { module: e.arguments[0].text, member };
  }
  return undefined;
}

export function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.trim()) ? url.trim().toLowerCase() : undefined;
}
