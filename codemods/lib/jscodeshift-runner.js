'use strict';
/**
 * The transforms are run BY jscodeshift, which is an optional peer dependency of front-contacts (only the
 * codemods need it; `front-contacts fix` does the same edits without it). When a transform is started some
 * other way, say so and say how to run it, instead of a bare "Cannot read properties of undefined".
 */
const path = require('node:path');

function howToRun(transformFile) {
  const rel = path.relative(process.cwd(), transformFile) || transformFile;
  return (
    `front-contacts: ${path.basename(transformFile)} is a jscodeshift transform, to be run by jscodeshift ` +
    `(an optional peer dependency of front-contacts, not installed with it):\n` +
    `  npm i -D jscodeshift\n` +
    `  npx jscodeshift -t ${rel} --parser=tsx src/\n` +
    `Without jscodeshift, \`npx front-contacts fix src/\` applies the same fixes.`
  );
}

/** `node codemods/all.js`: print how to run it and exit 2 (a usage error, like the CLI's). */
function refuseDirectRun(mod) {
  if (require.main !== mod) return;
  process.stderr.write(howToRun(mod.filename) + '\n');
  process.exit(2);
}

/** A transform called without jscodeshift's (file, api) arguments. */
function assertJscodeshiftCall(file, api, transformFile) {
  if (file && typeof file.source === 'string' && api && typeof api === 'object') return;
  throw new Error(howToRun(transformFile));
}

module.exports = { refuseDirectRun, assertJscodeshiftCall, howToRun };
