// The two ways a legacy-ids run stops early. The CLI turns them into exit codes: a usage error (2) means the
// command must change; a run error (1) may leave a checkpoint that `--resume` continues from.

/** The options cannot work (a bad SQL template, a checkpoint from other options): change the command. */
export class LegacyIdsUsageError extends Error {}

/** The run failed (HTTP, files); progress already checkpointed stays resumable. */
export class LegacyIdsRunError extends Error {}
