// What a client model is: how a client is recognised (what was imported, or the global), how its instances
// are configured, and what request a call of it makes. One module per client in this folder, registered in
// index.ts; the engine (../clients.ts) only dispatches to them.
import type { ts } from '../ts';
import type { FileContext } from '../files';
import type { Evaluator, Env, Part, Ref } from '../values';

/** Every client we model. Each has a model in this folder, registered in index.ts (a test checks both ways). */
export const CLIENT_KINDS = [
  'fetch', 'node-fetch', 'undici-fetch', 'ky', 'ofetch',
  'axios', 'got', 'superagent', 'needle', 'request', 'http', 'undici-request', 'openapi-fetch',
  'wretch', 'redaxios', 'bent', 'phin',
  'activepieces', 'n8n', 'pipedream', 'zapier', 'appmixer', 'frigg', 'http-helper',
] as const;

export type ClientKind = (typeof CLIENT_KINDS)[number];

/** An option that decides redirect handling, for messages and for the "follow redirects" suggestion. */
export interface OptionSite {
  /** The property assignment (`redirect: 'manual'`) or call (`.redirects(0)`) to remove. */
  node: ts.Node;
  ctx: FileContext;
  text: string;
}

export interface RequestInfo {
  client: ClientKind;
  /** How messages name the client when its kind is not enough (`n8n's httpRequest`); the kind otherwise. */
  label?: string;
  /** Why it never follows, when no option says so and the client's kind does not say it either. */
  noFollowReason?: string;
  /** The client call; for an n8n declarative node, the `routing.request` object (n8n-declarative.ts). */
  call: ts.CallExpression | ts.ObjectLiteralExpression;
  ctx: FileContext;
  url?: Part[];
  /** Upper-case; GET when the client's default applies; undefined when unknown. */
  method?: string;
  follows: boolean;
  /** Why it does not follow, when an option says so. */
  disabledBy?: OptionSite;
  /** A following client that also rewrites PATCH/PUT/DELETE to GET. */
  rewritesAllMethods: boolean;
  /** A following client that rewrites POST to GET. */
  rewritesPost: boolean;
  /**
   * The client puts Authorization back on a redirect to another origin (n8n's beforeRedirect, unless
   * `sendCredentialsOnCrossOriginRedirect: false`), so a followed 301 from api2.frontapp.com keeps the credentials.
   */
  keepsAuthAcrossOrigins?: boolean;
  /**
   * got 15+ rewrites POST to GET only when the redirect changes origin (got 14 keeps the POST but drops
   * Authorization there). Front's Location points at api.frontapp.com, so only that origin is safe.
   */
  postRewriteCrossOriginOnly?: boolean;
  /** Base URL parts from the client's configuration (axios baseURL, got/ky prefixUrl), if any. */
  base?: Part[];
  /** Some configuration of the instance could not be read, so it may have a base URL we do not know. */
  baseUnknown?: boolean;
  /** Expression to wrap for the runtime-helper suggestion (`fetch` in `fetch(url)`). */
  wrapTarget?: ts.Expression;
  /** The axios instance (or the axios default export) the request goes through, for the helper suggestion. */
  /**
   * Where the runtime helper is installed on the axios instance: after `after`, at the start of the block `into`
   * (a NestJS service's constructor, for its injected HttpService's `axiosRef`), else after the imports.
   */
  axiosInstance?: { name: string; after?: ts.Statement; into?: ts.Block; isModule: boolean };
  /**
   * An instance to wrap with a runtime helper for the helper suggestion: the got instance's (or node:http module's)
   * initializer (`got.extend({…})`, `require('https')`) when it is declared in this file, else the receiver at the
   * call (`got`, `https`).
   */
  runtimeWrap?: { helper: 'withGotContactRedirects' | 'withHttpContactRedirects' | 'withNeedleContactRedirects'; target: ts.Expression };
  /**
   * The options object a fetch-based client takes its `fetch` from (a redaxios or openapi-fetch client's
   * configuration): the helper suggestion adds `fetch: withContactRedirects(fetch)` to it.
   */
  fetchOptions?: ts.ObjectLiteralExpression;
  /** The file already routes this client through front-contacts-runtime (installContactRedirects). */
  helperInstalled?: boolean;
}

/** A client as a value: the package export itself, or an instance made from it. */
export interface Client {
  kind: ClientKind;
  /** Instance configuration objects, outermost first (axios.create → instance.create …). */
  configs: Array<{ ref: Ref }>;
  /** Binding the instance is reachable by, for `x.defaults.foo = …` assignments. */
  names: string[];
  /** superagent.agent().redirects(0): the agent's own setting. */
  agentRedirectsOff?: OptionSite;
  /**
   * For clients whose instance is built by a chain of calls (`wretch(base).url(path).options({…})`), those calls,
   * the first (the package's export called) first: the model reads the URL and options from them.
   */
  chain?: ChainStep[];
}

/** One call of a chain that built an instance, with where to evaluate its arguments. */
export interface ChainStep {
  call: ts.CallExpression;
  ctx: FileContext;
  env: Env;
}

/** One call of a client, as a model reads it. */
export interface ClientCall {
  ev: Evaluator;
  client: Client;
  /** The method called on the client (`axios.post(…)`: 'post'); undefined when the client itself is called. */
  verb: string | undefined;
  call: ts.CallExpression;
  args: ts.NodeArray<ts.Expression>;
  ctx: FileContext;
  env: Env;
  /** The callee of a direct call (`fetch` in `fetch(url)`), for the runtime-helper suggestion. */
  wrapTarget: ts.Expression | undefined;
  /** The instance's configuration objects, outermost first. */
  configs: Ref[];
  /** What every request starts as (follows, rewrites nothing); copy it, do not change it. */
  initial: RequestInfo;
  /** An argument as URL parts. */
  str(e: ts.Expression | undefined): Part[] | undefined;
  /** An argument as the value it names (an options object, usually). */
  obj(e: ts.Expression | undefined): Ref | undefined;
}

export interface ClientModel {
  kind: ClientKind;
  /**
   * Whether this export of a package is the client. `path` is the member imported, dotted, '' for the
   * module itself (`import axios from 'axios'`, `require('axios')`): `import { fetch } from 'undici'` is 'fetch'.
   */
  fromPackage(module: string, path: string): boolean;
  /** Whether this global is the client (`fetch`). */
  fromGlobal?(name: string, path: string[]): boolean;
  /**
   * Never imported: recognised by its arguments, on calls of no known client (the `http-helper`). Such models
   * are tried after every other one.
   */
  byArguments?: boolean;
  /** Methods that make a configured instance of the client: `axios.create(config)`, `got.extend(options)`. */
  factories: readonly string[];
  /** Calling the package's export makes a configured client (`createClient({ baseUrl })`); it sends nothing itself. */
  calledMakesInstance?: boolean;
  /** The instance is read from the calls that made it (Client.chain), not from configuration objects. */
  chained?: boolean;
  /** The configuration a factory call without an argument adds (none unless this says). */
  configWithoutArgument?(ctx: FileContext): Ref;
  /** A method of an instance that returns the same instance, configured (`agent.redirects(0)`). */
  sameInstance?(instance: Client, method: string, call: ts.CallExpression, ctx: FileContext, env: Env): Client | undefined;
  /** The request a call makes; undefined when the call (or its verb) is not a request. */
  describe(c: ClientCall): RequestInfo | undefined;
}
