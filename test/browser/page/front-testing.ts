// The one place the browser page imports front-contacts from. Repoint these two lines when the runtime and
// its testing entry move (to the runtime package, or to the built dist/ entries a user installs).
export { frontMigrationHandlers, FrontMigrationModel, type MigrationEffect } from '../../../packages/runtime/src/testing';
export { withContactRedirects } from '../../../packages/runtime/src';
