// The progress line: rewritten in place on a terminal, at most one line a second in a log.

export interface ProgressCounts {
  pages: number;
  contacts: number;
  mappings: number;
  /** Contacts fetched by this process (a resumed run's rate counts only its own). */
  contactsThisRun: number;
}

export class ProgressLine {
  private readonly startedAt = Date.now();
  private lastShown = 0;

  constructor(
    private readonly stderr: NodeJS.WritableStream,
    private readonly isTty: boolean,
    private readonly quiet: boolean,
    /** Called after an in-place line, so the next message starts on a fresh line. */
    private readonly onLineOpen: () => void,
  ) {}

  show(counts: ProgressCounts, final: boolean): void {
    if (this.quiet) return;
    const now = Date.now();
    if (!final && !this.isTty && now - this.lastShown < 1000 && counts.pages > 1) return;
    if (final && !this.isTty) return; // the summary line follows
    this.lastShown = now;
    const seconds = Math.max(0.001, (now - this.startedAt) / 1000);
    const rate = counts.contactsThisRun / seconds;
    const line = `pages ${counts.pages}, contacts ${counts.contacts}, mappings ${counts.mappings}, ${rate.toFixed(rate < 10 ? 1 : 0)} contacts/s`;
    if (this.isTty) {
      this.stderr.write(`\r\x1b[K${line}`);
      if (final) this.stderr.write('\n');
      else this.onLineOpen();
    } else {
      this.stderr.write(`front-contacts legacy-ids: ${line}\n`);
    }
  }
}
