'use strict';
/**
 * jscodeshift transform for requests to `/contacts/:contact_id[/…]` that break when Front answers a
 * migrated contact with 301 (rules contact-redirect-disabled, contact-redirect-method-change and
 * contact-redirect-auth-dropped).
 * Those have no safe fix: by default every finding is reported (jscodeshift prints `REP file line:col …`)
 * and nothing is written. With --suggestions=true the first suggestion of each finding is applied
 * (turn following back on for reads, route the call through withContactRedirects() from
 * front-contacts-runtime, or point a request on api2.frontapp.com at api.frontapp.com) and reported as "applied suggestion … (review it)".
 *
 *   npx jscodeshift -t node_modules/front-contacts/codemods/contact-redirects.js --parser=tsx --dry src/
 *   npx jscodeshift -t node_modules/front-contacts/codemods/contact-redirects.js --parser=tsx --suggestions=true src/
 *
 * Options: --suggestions=true, --config=FILE, --rule=ID=off|warning|error, --report-unused-ignores=true.
 */
const { transformWith, booleanOption } = require('./lib/engine');

const REDIRECT_RULES = ['contact-redirect-disabled', 'contact-redirect-method-change', 'contact-redirect-auth-dropped'];

module.exports = function contactRedirects(file, api, options) {
  return transformWith(file, api, options, {
    transformFile: __filename,
    only: REDIRECT_RULES,
    suggestions: booleanOption(options, 'suggestions'),
    reportApplied: true,
  });
};
module.exports.parser = 'tsx';
require('./lib/jscodeshift-runner').refuseDirectRun(module);
