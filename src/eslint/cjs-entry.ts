/**
 * dist/eslint.cjs: `require('front-contacts/eslint')` is the plugin object itself (ESLint reads
 * `rules`, `configs` and `meta` from it), not an ES module namespace with a `default`.
 * dist/eslint.mjs re-exports this same object, so both module systems share one lint session.
 */
module.exports = require('./index').default;
