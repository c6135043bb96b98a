'use strict';
/**
 * jscodeshift transform: rewrites every request URL built for the deprecated
 * `/teams/:team_id/contacts` endpoint to `/contacts` (rule team-contacts-endpoint), with the same
 * safe edits as `front-contacts fix`. Findings it cannot fix (the `/teams/<id>` part lives in a binding
 * other code also uses) are reported with their line.
 *
 *   npx jscodeshift -t node_modules/front-contacts/codemods/team-contacts-to-contacts.js --parser=tsx src/
 *
 * Options: --config=FILE (else the nearest front-contacts.config.json / package.json "frontContacts"),
 * --rule=ID=off|warning|error (repeatable), --report-unused-ignores=true.
 */
const { transformWith } = require('./lib/engine');

module.exports = function teamContactsToContacts(file, api, options) {
  return transformWith(file, api, options, { transformFile: __filename, only: ['team-contacts-endpoint'] });
};
module.exports.parser = 'tsx';
require('./lib/jscodeshift-runner').refuseDirectRun(module);
