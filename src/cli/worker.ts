/**
 * Worker-thread entry of the CLI (dist/cli-worker.js): loads the engine once and analyses or fixes
 * the chunks of files the main thread sends, with a disk SourceHost of its own (its parse cache is
 * kept between chunks, so imported modules are parsed once per worker).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as engine from '../core/index';
import { DiskSourceHost } from '../project/host';
import { RecordingSourceHost } from '../project/recording-host';
import { checkOne, fixOne } from './analyse-one';
import type { WorkerInit, WorkerReply, WorkerRequest } from './pool';

const init = workerData as WorkerInit;
const disk = new DiskSourceHost(init.knownFiles, { hashes: init.hashes });
const host = new RecordingSourceHost(disk);
const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  const outcomes = m.tasks.map((task) => {
    disk.setText(task.file, task.text, task.hash);
    return init.kind === 'fix' ? fixOne(engine, host, disk, task, init.settings, init.hashes) : checkOne(engine, host, disk, task, init.settings, init.hashes);
  });
  const reply: WorkerReply = { id: m.id, outcomes };
  port.postMessage(reply);
});
