// front-contacts-runtime/testing: see Front's contacts migration in your own tests before it reaches your account.
// `frontMigrationHandlers` needs msw 2 (an optional peer dependency); the model has no dependency.

export { frontMigrationHandlers } from './msw';
export type { FrontMigrationHandlerOptions } from './msw';
export { FrontMigrationModel, FRONT_API_ORIGIN } from './front-model';
export type { FrontMigrationOptions, SimulatedContact, MigrationEffect, ModelRequest, ModelResponse, StoredNote } from './front-model';
