// The runtime helpers' package: what the suggestions import, and a package the engine never reads as source.

/** The runtime helpers' own package (packages/runtime): zero dependencies, so the engine stays out of apps. */
export const RUNTIME_MODULE = 'front-contacts-runtime';

/**
 * `front-contacts-runtime` or one of its entries. Its code is the safe replay the suggestions route requests
 * through (its own `fetch(…, { redirect: 'manual' })` is the point), so an import of it is never followed into
 * its source, even where it resolves to one (this repository's workspace, a monorepo that vendors it).
 */
export function isRuntimeModule(specifier: string): boolean {
  return specifier === RUNTIME_MODULE || specifier.startsWith(`${RUNTIME_MODULE}/`);
}
