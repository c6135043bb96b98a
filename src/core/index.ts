export * from './types';
export { analyze, fixText, mightMatch } from './analyze';
export type { FixResult, FixOptions } from './analyze';
export { applyEdits } from './edits';
export { RULES, ruleMeta, docsUrlFor } from './rules/registry';
export { offsetToPosition } from './positions';
