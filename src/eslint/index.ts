/**
 * `front-contacts/eslint`: the engine's rules as an ESLint 9 plugin (flat config).
 *
 *   import frontContacts from 'front-contacts/eslint';
 *   export default [frontContacts.configs.recommended];
 *
 * Rule ids are the engine's (`front-contacts/team-contacts-endpoint`, …); `configs.recommended` turns
 * each on at its default severity. Findings, fixes and suggestions are the CLI's for the same files.
 */
import type { ESLint, Linter, Rule } from 'eslint';
import { RULES } from '../core/index';
import { TOOL_VERSION } from '../cli/version';
import { createRule } from './rule';

export const PLUGIN_NAME = 'front-contacts';

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(RULES.map((meta) => [meta.id, createRule(meta)]));

const recommendedRules: Linter.RulesRecord = Object.fromEntries(
  RULES.map((meta) => [`${PLUGIN_NAME}/${meta.id}`, meta.defaultSeverity === 'error' ? 'error' : 'warn']),
);

const plugin = {
  meta: { name: PLUGIN_NAME, version: TOOL_VERSION },
  rules,
  configs: {} as { recommended: Linter.Config },
} satisfies ESLint.Plugin;

// The config names the plugin object itself, so `configs.recommended` alone is a complete flat config.
plugin.configs.recommended = { name: `${PLUGIN_NAME}/recommended`, plugins: { [PLUGIN_NAME]: plugin }, rules: recommendedRules };

export default plugin;
