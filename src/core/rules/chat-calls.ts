// Recognising Front Chat identify calls and reading their options (shared by the two chat rules).
//   window.FrontChat('init' | 'identity', opts), FrontChat(…), globalThis.FrontChat(…)
//   front-chat-sdk: const { initialize, frontChat } = useFrontChatBoot(el); initialize(opts); frontChat('init', opts)
//                   const frontChat = await boot(el); frontChat('init', opts)
import { ts, skipOuter, propertyNameText } from '../ts';
import type { RuleRun } from '../run';
import type { Ref, Env } from '../values';
import { EMPTY_ENV, flatten } from '../values';
import type { FileContext } from '../files';

export interface ChatIdentifyCall {
  call: ts.CallExpression;
  options: ts.Expression;
}

export interface OptionProp {
  key: string;
  node: ts.Node;
  value?: ts.Expression;
  ctx: FileContext;
  env: Env;
}

/** The options' keys (through spreads and names); `complete` is false when some spread could not be read. */
export interface OptionKeys {
  props: Map<string, OptionProp>;
  complete: boolean;
}

const CHAT_SDK = /(^|\/)front-chat-sdk(\/|$)/;
const COMMANDS = new Set(['init', 'identity']);

const cache = new WeakMap<RuleRun, ChatIdentifyCall[]>();

export function chatIdentifyCalls(run: RuleRun): ChatIdentifyCall[] {
  let out = cache.get(run);
  if (out) return out;
  out = [];
  const found = out;
  const { ctx, ev } = run;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const kind = hookMember(run, n.expression) ?? calleeKind(run, ev.deref(n.expression, ctx, EMPTY_ENV));
      if (kind === 'command' && n.arguments.length >= 2) {
        const cmd = commandName(run, n.arguments[0]);
        if (cmd && COMMANDS.has(cmd)) found.push({ call: n, options: n.arguments[1] });
      } else if (kind === 'initialize' && n.arguments.length >= 1) {
        found.push({ call: n, options: n.arguments[0] });
      }
    }
  };
  if (ctx.textTest(/FrontChat|front-chat-sdk/i)) for (const n of run.unitNodes()) visit(n);
  cache.set(run, out);
  return out;
}

/**
 * `const { initialize } = useFrontChatBoot(…)` by the hook's name, wherever it comes from: teams copy the SDK's
 * hook into their app (`@/hooks/use-front-chat-boot`) as often as they install the package.
 */
function hookMember(run: RuleRun, callee: ts.Expression): 'command' | 'initialize' | undefined {
  const c = skipOuter(callee);
  if (!ts.isIdentifier(c)) return undefined;
  const decl = run.ctx.lookup(c.text, c);
  if (!decl || decl.kind !== 'var' || decl.path.length !== 1 || !decl.init) return undefined;
  const init = skipOuter(decl.init);
  if (!ts.isCallExpression(init)) return undefined;
  const hook = skipOuter(init.expression);
  const name = ts.isIdentifier(hook) ? hook.text : ts.isPropertyAccessExpression(hook) ? hook.name.text : '';
  if (name !== 'useFrontChatBoot' && name !== 'useFrontChat') return undefined;
  return decl.path[0] === 'initialize' ? 'initialize' : decl.path[0] === 'frontChat' ? 'command' : undefined;
}

function calleeKind(run: RuleRun, r: Ref): 'command' | 'initialize' | undefined {
  if (r.kind === 'global' && r.name === 'FrontChat' && r.path.length === 0) return 'command';
  if (r.kind === 'member' && r.path.length === 1 && r.base.kind === 'expr' && fromSdk(run, r.base, 'useFrontChatBoot')) {
    if (r.path[0] === 'initialize') return 'initialize';
    if (r.path[0] === 'frontChat') return 'command';
  }
  if (r.kind === 'expr' && fromSdk(run, r, 'boot')) return 'command';
  return undefined;
}

/** A call of the named front-chat-sdk export. */
function fromSdk(run: RuleRun, r: Ref, name: string): boolean {
  if (r.kind !== 'expr') return false;
  const e = skipOuter(r.expr);
  if (!ts.isCallExpression(e)) return false;
  const callee = run.ev.deref(e.expression, r.ctx, r.env);
  return callee.kind === 'package' && CHAT_SDK.test(callee.module) && callee.path[callee.path.length - 1] === name;
}

function commandName(run: RuleRun, e: ts.Expression): string | undefined {
  const r = run.ev.deref(e, run.ctx, EMPTY_ENV);
  // FrontChatCmdType.Init from the SDK
  if (r.kind === 'package' && CHAT_SDK.test(r.module) && r.path.length >= 1) return r.path[r.path.length - 1].toLowerCase();
  const parts = run.ev.evaluateString(e, run.ctx);
  return parts.every((p) => p.kind === 'lit') ? flatten(parts) : undefined;
}

export function optionKeys(run: RuleRun, e: ts.Expression, ctx: FileContext, env: Env, depth = 0): OptionKeys {
  const props = new Map<string, OptionProp>();
  const r = run.ev.deref(e, ctx, env);
  if (r.kind !== 'expr' || depth > 6) return { props, complete: false };
  const obj = skipOuter(r.expr);
  if (!ts.isObjectLiteralExpression(obj)) return { props, complete: false };
  let complete = true;
  // Options assembled step by step: `options.email = …`, `options['email'] = …`, `Object.assign(options, {…})`
  const named = skipOuter(e);
  if (ts.isIdentifier(named)) {
    const decl = ctx.lookup(named.text, named);
    if (decl && decl.kind === 'var' && decl.init && skipOuter(decl.init) === obj) {
      for (const n of ctx.nodes()) {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left)) && sameName(ctx, n.left.expression, named.text, decl)) {
          const key = ts.isPropertyAccessExpression(n.left) ? n.left.name.text : literalKeyOf(n.left.argumentExpression);
          if (key === undefined) complete = false;
          else props.set(key, { key, node: n, value: n.right, ctx, env });
        } else if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'assign' &&
          ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'Object' && n.arguments[0] &&
          sameName(ctx, n.arguments[0], named.text, decl)) {
          for (const src of n.arguments.slice(1)) {
            const more = optionKeys(run, src, ctx, env, depth + 1);
            if (!more.complete) complete = false;
            for (const [k, v] of more.props) props.set(k, v);
          }
        }
      }
    }
  }
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      const inner = optionKeys(run, p.expression, r.ctx, r.env, depth + 1);
      if (!inner.complete) complete = false;
      for (const [k, v] of inner.props) props.set(k, v);
      continue;
    }
    const key = propertyNameText(p.name);
    if (key === undefined) {
      complete = false;
      continue;
    }
    const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
    props.set(key, { key, node: p, value, ctx: r.ctx, env: r.env });
  }
  return { props, complete };
}

/** `undefined`, `null`, `''`: a property that is there but says nothing. */
export function isEmptyValue(run: RuleRun, p: OptionProp): boolean {
  if (!p.value) return false;
  const v = skipOuter(p.value);
  if (v.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(v) && v.text === 'undefined')) return true;
  return ts.isStringLiteralLike(v) && v.text === '';
}

function sameName(ctx: FileContext, e: ts.Expression, name: string, decl: unknown): boolean {
  const x = skipOuter(e);
  return ts.isIdentifier(x) && x.text === name && ctx.lookup(name, x) === decl;
}

function literalKeyOf(e: ts.Expression): string | undefined {
  const x = skipOuter(e);
  return ts.isStringLiteralLike(x) || ts.isNumericLiteral(x) ? x.text : undefined;
}
