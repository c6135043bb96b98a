import type { RuleId } from '../types';
import type { RuleRun } from '../run';

/** One rule: its id and a check over a file. Metadata (severity, docs) lives in registry.ts. */
export interface Rule {
  id: RuleId;
  /** Cheap test on the raw text: when false the rule cannot report in this file. */
  mightApply(text: string): boolean;
  check(run: RuleRun): void;
}
