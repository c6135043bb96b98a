// Worker-thread entry (dist/extension-worker.js): runs core analyze()/fixText() off the extension
// host's thread. Requests are queued; one cancelled before it starts is skipped, so a burst of edits
// only costs the runs for the versions that are still current.
import { parentPort } from 'node:worker_threads';
import { analyze, fixText } from '../../core';
import { ignoreActions } from '../../core/ignore-edits';
import { DiskSourceHost } from '../../project/host';
import { OverlaySourceHost } from '../sourceHost';
import type { SourceHost } from '../../core/types';
import type { AnalyzeRequest, EngineRequest, EngineResponse, FixRequest, WorkerMessage } from './protocol';
import { ScanJobs } from './scanJobs';
import { ts } from '../../core/ts';

const port = parentPort!;
const queue: (AnalyzeRequest | FixRequest)[] = [];
const cancelled = new Set<number>();
// Directory listings, file texts and tsconfig aliases stay cached until the extension reports a change.
let disk = new DiskSourceHost();
let draining = false;

/**
 * One host object for every request, reading through the current request's overlay: the engine keeps one
 * project per host, so a document's next version is reparsed incrementally and its unchanged statements are not
 * analysed again (a new host per request would mean a full parse and analysis on every keystroke).
 */
class CurrentRequestHost implements SourceHost {
  current?: OverlaySourceHost;
  readFile(fileName: string): string | undefined {
    return this.current?.readFile(fileName);
  }
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.current?.resolveImport(fromFile, specifier);
  }
  importers(fileName: string): string[] {
    return this.current?.importers(fileName) ?? [];
  }
}
const engineHost = new CurrentRequestHost();
/** Background (Scan Workspace, Fix All in Workspace) requests: a second project, so the editor's project keeps its parses. */
const scanHost = new CurrentRequestHost();
const isBackground = (r: AnalyzeRequest | FixRequest) => r.background === true;
/** Workspace scans' reading and selection (off the extension host): answered when done, not queued. */
const scans = new ScanJobs();

port.on('message', (m: EngineRequest) => {
  if (m.kind === 'cancel') {
    const i = queue.findIndex((r) => r.id === m.id);
    if (i >= 0) {
      queue.splice(i, 1);
      reply({ id: m.id, ok: false, cancelled: true });
    } else cancelled.add(m.id);
    return;
  }
  if (m.kind === 'invalidate') {
    disk = new DiskSourceHost();
    return;
  }
  if (m.kind === 'scan') {
    scans.run(m).then(
      (result) => reply({ id: m.id, ok: true, result }),
      (e: unknown) => reply({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) }),
    );
    return;
  }
  if (m.kind === 'ignore') {
    try {
      reply({ id: m.id, ok: true, result: ignoreActions(m.fileName, m.text, m.findings) });
    } catch (e) {
      reply({ id: m.id, ok: false, error: (e as Error)?.stack ?? String(e) });
    }
    return;
  }
  // Editor requests go before queued background ones (a scan sends one file at a time; re-checks of scanned files may queue more).
  const at = isBackground(m) ? -1 : queue.findIndex(isBackground);
  if (at < 0) queue.push(m);
  else queue.splice(at, 0, m);
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});

function drain(): void {
  const r = queue.shift();
  if (r) {
    if (cancelled.delete(r.id)) reply({ id: r.id, ok: false, cancelled: true });
    else reply(run(r));
  }
  // Yield between requests so cancel messages that arrived meanwhile are seen first.
  if (queue.length) setImmediate(drain);
  else draining = false;
}

function run(r: AnalyzeRequest | FixRequest): EngineResponse {
  const host = new OverlaySourceHost(r.fileName, r.text, r.buffers, disk);
  const target = isBackground(r) ? scanHost : engineHost;
  target.current = host;
  const t0 = performance.now();
  try {
    if (r.kind === 'analyze') {
      const res = analyze(r.fileName, r.text, { ...r.options, host: target });
      host.filesRead.delete(r.fileName);
      return { id: r.id, ok: true, result: { findings: res.findings, problems: res.problems, filesRead: [...host.filesRead], ms: performance.now() - t0 } };
    }
    const res = fixText(r.fileName, r.text, { ...r.options, host: target });
    return { id: r.id, ok: true, result: { output: res.output, applied: res.applied.length, refused: res.refused } };
  } catch (e) {
    return { id: r.id, ok: false, error: (e as Error)?.stack ?? String(e) };
  } finally {
    target.current = undefined;
  }
}

function reply(m: EngineResponse): void {
  port.postMessage(m);
}

// Everything above ran while the bundle loaded: the engine is ready (the extension host times the start).
port.postMessage({ kind: 'ready', typescript: ts.version } satisfies WorkerMessage);

// While no request is waiting, one small analysis on a host of its own (no file read, no cache shared with the
// editor's project) runs the parser and the rules once, so V8 has compiled them before the first real file arrives.
const WARM_UP = "const f = (id: string) => fetch('https://api2.frontapp.com/contacts/' + id, { method: 'POST' });\n";
setTimeout(() => {
  if (queue.length || draining) return;
  try {
    analyze('/front-contacts-warm-up.ts', WARM_UP, { host: { readFile: () => undefined, resolveImport: () => undefined, importers: () => [] } });
  } catch {
    // a warm-up only
  }
}, 0);
