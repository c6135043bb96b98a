// GNU time (`/usr/bin/time -v`), shared by the benchmark scripts: whether it is there, and what it reports.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const GNU_TIME = existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0 ? '/usr/bin/time' : undefined;

/** User and system CPU seconds, peak RSS (KiB) and the exit status from a `time -v -o FILE` report. */
export function readGnuTime(file) {
  const t = readFileSync(file, 'utf8');
  const st = /Exit status: (\d+)/.exec(t);
  return {
    userS: Number(/User time \(seconds\): ([\d.]+)/.exec(t)?.[1]),
    sysS: Number(/System time \(seconds\): ([\d.]+)/.exec(t)?.[1]),
    rssKb: Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(t)?.[1]),
    exit: st ? Number(st[1]) : /Command terminated by signal/.test(t) ? 128 : undefined,
  };
}
