// Which files "Scan Workspace" sends to the engine: the CLI's selection (src/cli/project-run.ts), over the
// files VS Code lists, with open editors' unsaved texts winning over the disk. A file may get a finding only
// when it, or what it imports, may hold a contact URL (core mightMatch, then the importers of those files),
// and it or what it imports names Front (or it has what rules report on alone: Front Chat, ignore comments).
// Every other file gets no finding, so it is never parsed. Free of `vscode`: the benchmark runs it in Node.
import { frontHostsOf, mightMatch, mightNameFront, mightReportAlone } from '../core/prefilter';
import { DiskSourceHost } from '../project/host';
import { filesReachingFrontSteps, filesToAnalyseSteps, scanImportSpecifiers, type ClosureInput } from '../project/imports';
import { readSourceFile, readSourceFiles } from '../project/read';
import { Slicer } from '../project/steps';
import { isUriName, resolveBetweenBuffers } from './sourceHost';

/** Longest stretch of synchronous work between yields while reading and selecting. */
const SLICE_MS = 8;
/**
 * Reads in flight. Each finished read is decoded and tested on the caller's thread (the extension host), and
 * finished reads are handled in one go: fewer in flight keeps those stretches short (the CLI uses 64).
 */
const READ_CONCURRENCY = 16;

export interface ScanCandidate {
  /** Analysis file name: a path, or a URI for a file outside the file system (virtual workspaces). */
  file: string;
  /** Text to use instead of the disk's: an open editor's buffer, or a virtual file's contents. */
  text?: string;
}

export interface ScanSelection {
  /** Files to analyse with their text, in the order they were added. */
  selected: { file: string; text: string }[];
  /** Readable files that cannot get a finding. */
  notSelected: string[];
  /** Files that could not be read (missing, binary, not UTF-8), with the reason. */
  unreadable: { file: string; problem: string }[];
}

/**
 * Collects the candidates batch by batch (so the caller can report progress and stop between batches), then
 * selects. Files read from disk keep their text only when they pass mightMatch; of the others only their import
 * specifiers and whether they name Front are kept, as in the CLI (bounded memory on big workspaces).
 */
export class ScanSelector {
  private readonly inputs: ClosureInput[] = [];
  /** The files of `inputs`. */
  private readonly files = new Set<string>();
  private readonly given = new Map<string, string>();
  private readonly names: (text: string) => boolean;
  private readonly unreadable: { file: string; problem: string }[] = [];
  readonly host: DiskSourceHost;

  /**
   * `frontBaseUrls`: every configured base URL that applies to a candidate (their union: a wider test only
   * means more files analysed; the engine decides the findings). `knownFiles`: files known to exist on disk.
   */
  /**
   * `sliceMs`: how long the synchronous work between two macrotask turns may run while reading and selecting (the
   * worker answers the editor in between); 0 gives a turn at every point where the work may pause (tests).
   */
  constructor(frontBaseUrls: readonly string[], knownFiles: Iterable<string> = [], private readonly sliceMs = SLICE_MS) {
    const hosts = frontHostsOf([...frontBaseUrls]);
    this.names = (text) => mightNameFront(text, hosts);
    this.host = new DiskSourceHost(knownFiles);
  }

  /** Reads (or takes the given text of) one batch of candidates. */
  async add(batch: readonly ScanCandidate[]): Promise<void> {
    const fromDisk: string[] = [];
    for (const c of batch) {
      if (c.text !== undefined) {
        this.given.set(c.file, c.text);
        this.inputs.push({ file: c.file, text: c.text });
        this.files.add(c.file);
      } else if (isUriName(c.file)) this.unreadable.push({ file: c.file, problem: 'cannot read: no text given' });
      else fromDisk.push(c.file);
    }
    const read = await readSourceFiles(fromDisk, READ_CONCURRENCY, { keep: mightMatch, summary: scanImportSpecifiers, marks: { namesFront: this.names } });
    const added = this.inputs.length;
    for (const s of read) {
      if (s.dropped) this.inputs.push({ file: s.file, specifiers: s.dropped, ...s.marks });
      else if (s.text !== undefined) this.inputs.push({ file: s.file, text: s.text });
      else this.unreadable.push({ file: s.file, problem: s.problem ?? 'cannot read' });
    }
    for (let i = added; i < this.inputs.length; i++) this.files.add(this.inputs[i].file);
    await this.resolveAhead(this.inputs.slice(added));
  }

  /**
   * Resolves the relative imports of files on disk now, a few milliseconds at a time: select() (synchronous, as
   * the project functions are) then finds them in the host's cache instead of blocking the thread to probe
   * the disk for all of them at once (on 10k files, most of its time).
   */
  private async resolveAhead(inputs: readonly ClosureInput[]): Promise<void> {
    const slicer = new Slicer(this.sliceMs);
    for (const f of inputs) {
      if (isUriName(f.file)) continue;
      for (const spec of f.specifiers ?? scanImportSpecifiers(f.text ?? '')) if (spec.startsWith('.')) this.host.resolveImport(f.file, spec);
      await slicer.pauseIfDue();
    }
  }

  /** Number of candidates added so far. */
  get size(): number {
    return this.inputs.length + this.unreadable.length;
  }

  /**
   * The selection (the project functions shared with the CLI, run as steps: a few milliseconds at a time, so the
   * worker answers editor requests in between). Files given with a text win over the disk.
   */
  async select(): Promise<ScanSelection> {
    const files = this.files;
    const resolve = (from: string, spec: string) =>
      isUriName(from) ? resolveBetweenBuffers(from, spec, (f) => files.has(f)) : this.host.resolveImport(from, spec);
    const read = (file: string) => this.given.get(file) ?? (isUriName(file) ? undefined : this.host.readFile(file));
    const slicer = new Slicer(this.sliceMs);
    const matching = this.inputs.length ? await slicer.run(filesToAnalyseSteps(this.inputs, mightMatch, resolve)) : new Set<string>();
    const chosen = matching.size
      ? await slicer.run(filesReachingFrontSteps(this.inputs, matching, resolve, { names: this.names, always: mightReportAlone, read }))
      : matching;
    const selection: ScanSelection = { selected: [], notSelected: [], unreadable: [...this.unreadable] };
    for (const input of this.inputs) {
      await slicer.pauseIfDue();
      if (!chosen.has(input.file)) {
        selection.notSelected.push(input.file);
        continue;
      }
      let text = input.text;
      if (text === undefined) {
        // an importer of a matching file, read without keeping its text: read it again now
        const again = await readSourceFile(input.file);
        text = again.text;
        if (text === undefined) {
          selection.unreadable.push({ file: input.file, problem: again.problem ?? 'cannot read' });
          continue;
        }
      }
      selection.selected.push({ file: input.file, text });
    }
    return selection;
  }
}
