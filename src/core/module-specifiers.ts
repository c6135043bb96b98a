/**
 * The npm package an import specifier names, whatever runtime wrote it: `node:https` is `https`, and Deno /
 * Supabase Edge Functions / browser modules name npm packages through a prefix or a CDN URL — `npm:axios@1.7.2`,
 * `https://esm.sh/ky@1.2.0`, `https://cdn.jsdelivr.net/npm/ofetch@1/+esm` — which is `axios`, `ky`, `ofetch`: the same
 * client, so the same model. Anything else is returned as it is.
 */
const NPM_CDN = /^https?:\/\/(?:esm\.sh|cdn\.skypack\.dev|esm\.run|unpkg\.com|cdn\.jsdelivr\.net\/npm|ga\.jspm\.io\/npm:)\/?(?:v\d+\/)?/i;

export function packageSpecifier(specifier: string): string {
  if (specifier.startsWith('node:')) return specifier.slice(5);
  let rest: string | undefined;
  if (specifier.startsWith('npm:')) rest = specifier.slice(4);
  else {
    const cdn = NPM_CDN.exec(specifier);
    if (cdn) rest = specifier.slice(cdn[0].length);
  }
  if (rest === undefined) return specifier;
  // `@scope/name@1.2.3/sub/path` → `@scope/name/sub/path`; query strings and `+esm` markers are the CDN's
  const parts = rest.replace(/[?#].*$/, '').split('/').filter((p) => p && p !== '+esm');
  const n = parts[0]?.startsWith('@') ? 2 : 1;
  if (parts.length < n) return specifier;
  const name = parts.slice(0, n);
  name[n - 1] = name[n - 1].replace(/@[^@]*$/, '');
  if (!name[n - 1]) return specifier;
  return [...name, ...parts.slice(n)].join('/').replace(/\.m?js$/, '');
}
