// One export of the legacy id map: page GET /contacts from the first page (or from a checkpoint), write each
// page's entries to every output, checkpoint, and at the end close the outputs and rename them into place.

import { promises as fsp } from 'node:fs';
import { isEmptyCheckpoint, readCheckpoint, writeCheckpoint, CHECKPOINT_TOOL, type Checkpoint } from './checkpoint';
import { LegacyIdsUsageError } from './errors';
import { mapWriter, sqlWriter } from './formats';
import type { LegacyIdsOptions } from './options';
import { OutputFile } from './output-files';
import { PageClient, type PageClientOptions } from './page-client';
import { checkTokenMayGo, resolveNextUrl } from './pagination';
import { ProgressLine } from './progress';
import { compileSqlTemplate } from './sql';
import { legacyIdsOf } from '../../packages/runtime/src/legacy';

export interface LegacyIdsRunContext {
  token: string;
  /** One message line for the user (already prefixed and redacted by the caller). */
  say: (line: string) => void;
  progress: ProgressLine;
  /** Test seams handed to the page client (fetch, sleep, clock). */
  client?: Partial<Pick<PageClientOptions, 'fetch' | 'sleep' | 'now' | 'random'>>;
}

export class LegacyIdsRun {
  /** Whether a checkpoint exists that a later `--resume` can continue from. */
  checkpointWritten = false;
  /** True when this run created the checkpoint (as opposed to resuming one). */
  private fresh = false;
  private readonly outputs: OutputFile[];
  private readonly base: URL;
  private readonly client: PageClient;
  private pages = 0;
  private contacts = 0;
  private mappings = 0;
  private contactsThisRun = 0;

  constructor(
    private readonly options: LegacyIdsOptions,
    private readonly context: LegacyIdsRunContext,
  ) {
    this.base = new URL(options.baseUrl);
    this.outputs = [new OutputFile(options.out, options.format, mapWriter(options.format))];
    if (options.sqlTemplate !== undefined && options.sqlOut !== undefined) {
      this.outputs.push(new OutputFile(options.sqlOut, 'sql', sqlWriter(compileSqlTemplate(options.sqlTemplate))));
    }
    this.client = new PageClient({
      token: context.token,
      tokenEnv: options.tokenEnv,
      retries: options.retries,
      backoffMs: options.backoffMs,
      maxWaitMs: options.maxWaitMs,
      timeoutMs: options.timeoutMs,
      say: context.say,
      ...context.client,
    });
  }

  /** Runs to the end; throws LegacyIdsUsageError / LegacyIdsRunError (see errors.ts). */
  async execute(): Promise<void> {
    const { options, context } = this;
    if (this.base.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(this.base.hostname)) {
      context.say(`warning: ${this.base.origin} is plain http; the token travels unencrypted`);
    }
    const existing = await readCheckpoint(options.checkpoint);
    let next: string | null;
    let phase: Checkpoint['phase'] = 'running';
    if (existing && options.resume) {
      this.checkCompatible(existing);
      next = existing.next;
      phase = existing.phase;
      this.pages = existing.pages;
      this.contacts = existing.contacts;
      this.mappings = existing.mappings;
      for (const [i, output] of this.outputs.entries()) await output.resume(existing.sinks[i]!, existing.phase === 'finishing');
      this.checkpointWritten = true;
      context.say(`resuming after ${count(existing.pages, 'page')}, ${count(existing.contacts, 'contact')}, ${count(existing.mappings, 'mapping')}`);
    } else {
      // A run stopped before its first page was written (killed, Ctrl-C) saved no progress: nothing to
      // resume and nothing to lose, so it must not block the next run.
      if (existing && !options.restart && isEmptyCheckpoint(existing)) {
        context.say(`${options.checkpoint} holds no progress (no page was written); starting from the first page`);
      } else if (existing && !options.restart) {
        throw new LegacyIdsUsageError(
          `an unfinished run left ${options.checkpoint} (${count(existing.pages, 'page')} done); use --resume to continue it or --restart to start over`,
        );
      }
      if (options.resume) context.say(`no checkpoint at ${options.checkpoint}; starting from the first page`);
      next = `${options.baseUrl}/contacts?limit=${options.limit}`;
      this.fresh = true;
      for (const output of this.outputs) await output.start();
      await this.saveCheckpoint(next, 'running');
    }

    if (phase === 'running') {
      let current = next;
      while (current !== null) {
        // Checked before each request, not when the link arrives: the page that named a foreign host is
        // written and checkpointed first, so `--resume --allow-host HOST` continues where this run stopped.
        checkTokenMayGo(current, this.base, options.allowHosts);
        const page = await this.client.fetchPage(current);
        const following = page.next === null ? null : resolveNextUrl(page.next, current);
        await this.writePage(page.results);
        this.pages++;
        await this.saveCheckpoint(following, 'running');
        this.showProgress(false);
        current = following;
      }
      for (const output of this.outputs) {
        await output.append(output.writer.trailer);
        await output.sync();
      }
      await this.saveCheckpoint(null, 'finishing');
    }
    for (const output of this.outputs) await output.finish();
    await fsp.rm(options.checkpoint, { force: true });
    this.showProgress(true);
    const paths = this.outputs.map((o) => o.path).join(', ');
    context.say(`done: ${count(this.pages, 'page')}, ${count(this.contacts, 'contact')}, ${count(this.mappings, 'legacy id mapping')} -> ${paths}`);
  }

  private checkCompatible(cp: Checkpoint): void {
    const mismatch = (what: string) => {
      throw new LegacyIdsUsageError(`${this.options.checkpoint} was written with a different ${what}; run with the same options, or use --restart`);
    };
    if (cp.baseUrl !== this.options.baseUrl) mismatch('--base-url');
    if ((cp.sqlTemplate ?? null) !== (this.options.sqlTemplate ?? null)) mismatch('--sql template');
    if (cp.sinks.length !== this.outputs.length) mismatch('set of outputs');
    cp.sinks.forEach((s, i) => {
      const output = this.outputs[i]!;
      if (s.path !== output.path || s.kind !== output.kind) mismatch(`output (${s.path})`);
    });
  }

  private async saveCheckpoint(next: string | null, phase: Checkpoint['phase']): Promise<void> {
    await writeCheckpoint(this.options.checkpoint, {
      version: 1,
      tool: CHECKPOINT_TOOL,
      baseUrl: this.options.baseUrl,
      sqlTemplate: this.options.sqlTemplate ?? null,
      next,
      phase,
      pages: this.pages,
      contacts: this.contacts,
      mappings: this.mappings,
      sinks: this.outputs.map((o) => o.committed()),
      updatedAt: new Date().toISOString(),
    });
    this.checkpointWritten = true;
  }

  private async writePage(results: unknown[]): Promise<void> {
    const texts = this.outputs.map(() => '');
    for (const item of results) {
      this.contacts++;
      this.contactsThisRun++;
      const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
      if (typeof id !== 'string' || id === '') {
        this.context.say(`warning: skipped a contact without a string id on page ${this.pages + 1}`);
        continue;
      }
      const legacyIds = legacyIdsOf(item as { id: string; _migration?: { legacy_ids?: string[] } });
      if (legacyIds.length === 0) continue;
      this.mappings += legacyIds.length;
      this.outputs.forEach((output, i) => {
        const { text, count } = output.writer.entries(id, legacyIds, output.count);
        texts[i] += text;
        output.count = count;
      });
    }
    for (const [i, output] of this.outputs.entries()) {
      await output.append(texts[i]!);
      await output.sync();
    }
  }

  /** A fresh run that failed before its first page leaves no files; says whether it cleaned up. */
  async discardIfNothingDone(): Promise<boolean> {
    if (!this.fresh || this.pages > 0) return false;
    await fsp.rm(this.options.checkpoint, { force: true });
    for (const output of this.outputs) await output.discard();
    return true;
  }

  async closeFiles(): Promise<void> {
    for (const output of this.outputs) await output.close();
  }

  private showProgress(final: boolean): void {
    this.context.progress.show({ pages: this.pages, contacts: this.contacts, mappings: this.mappings, contactsThisRun: this.contactsThisRun }, final);
  }
}

/** `1 page`, `3 pages`. */
function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
