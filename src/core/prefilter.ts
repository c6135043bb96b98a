// The engine's cheap text tests, in a module of their own: they must not load TypeScript, so that a run over
// files that cannot match never pays for the parser.

/**
 * False means no rule can report in this file. Deliberately wide (`contact`, not `contacts`: a caller may
 * say `ROUTES.contactNotes(id)`); files that import a file passing this test must be analysed too (the CLI
 * computes that closure), since URLs and clients are resolved across files.
 */
export function mightMatch(text: string): boolean {
  return /contact|frontchat|front-chat|front_chat/i.test(text);
}

/**
 * What may be reported in a file whatever it imports: the Front Chat rules look only at the file they report
 * in, and `front-contacts-ignore-next-line` comments are checked (unknown rule ids, unused directives) in
 * every file that has one. A file that fails this test and mightNameFront (with its imports) gets nothing.
 */
export function mightReportAlone(text: string): boolean {
  return /frontchat|front-chat|front_chat|front-contacts-ignore/i.test(text);
}

/**
 * Text that can make a request count as Front traffic. The HTTP rules report a request only when its URL,
 * its client's base URL or its file's evidence says Front (url.ts `goesToFront`), and every one of those
 * is written somewhere as text (the npm front-sdk by its name): a Core API host (`api2.frontapp.com`, `${tenant}.api.frontapp.com`), a name
 * such as FRONT_API_TOKEN / frontApiUrl / FRONTAPP_BASE, or a configured base URL's host. So a file whose
 * own text and whose imported files' text (transitively) all fail this test cannot get an HTTP finding.
 * A superset of the engine's own tests (files.ts FRONT_WORDS, url.ts FRONTISH_NAME and isFrontHost).
 */
export function mightNameFront(text: string, frontHosts: readonly string[] = []): boolean {
  return frontNamePattern(frontHosts).test(text);
}

// One case-insensitive pattern per list of configured hosts (a run has one list): the text is scanned once,
// and never copied to lower case.
const patterns = new Map<string, RegExp>();
function frontNamePattern(frontHosts: readonly string[]): RegExp {
  const key = frontHosts.join('\n');
  let re = patterns.get(key);
  if (!re) {
    const hosts = frontHosts.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(['frontapp', 'front_?api', 'front_?token', 'front-sdk', ...hosts].join('|'), 'i');
    if (patterns.size < 100) patterns.set(key, re);
  }
  return re;
}

/**
 * Variables a front-end bundler inlines into browser code (`NEXT_PUBLIC_FRONT_API_URL`, `VITE_FRONT_API_BASE`,
 * `REACT_APP_FRONT_API`): there "front" is the app's own front end and its API the app's own backend, never
 * Front's Core API (whose token cannot ship to browsers). Such a name is no evidence of Front.
 */
export function isPublicBuildVariable(name: string): boolean {
  return /^(?:NEXT_PUBLIC|NUXT_PUBLIC|NUXT_ENV|EXPO_PUBLIC|REACT_APP|VUE_APP|VITE|GATSBY|PUBLIC)_[A-Z0-9_]+$/.test(name);
}

/** The host of a configured base URL (`https://front-proxy.internal/api` → `front-proxy.internal`), lower case. */
export function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#:]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(url.trim()) ? url.trim().toLowerCase() : undefined;
}

/** The hosts of configured `frontBaseUrls`: what mightNameFront looks for besides Front's own names. */
export function frontHostsOf(frontBaseUrls: readonly string[] | undefined): string[] {
  return (frontBaseUrls ?? []).map(hostOf).filter((h): h is string => !!h);
}
