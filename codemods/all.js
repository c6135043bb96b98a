'use strict';
/**
 * jscodeshift transform: every safe fix of every rule (what `front-contacts fix` applies), and a
 * report line (rule id, line, message) for every finding that stays: redirect, chat and
 * front_chat-handle findings, and team contacts URLs that cannot be fixed automatically.
 *
 *   npx jscodeshift -t node_modules/front-contacts/codemods/all.js --parser=tsx src/
 *
 * Options: --suggestions=true (also apply the first suggestion of each finding), --config=FILE,
 * --rule=ID=off|warning|error (repeatable), --report-unused-ignores=true.
 */
const { transformWith, booleanOption } = require('./lib/engine');

module.exports = function all(file, api, options) {
  return transformWith(file, api, options, { transformFile: __filename, suggestions: booleanOption(options, 'suggestions'), reportApplied: true });
};
module.exports.parser = 'tsx';
require('./lib/jscodeshift-runner').refuseDirectRun(module);
