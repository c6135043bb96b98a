// Runs one process for the benchmark scripts and measures it: wall time here; CPU time, peak RSS and the exit
// status from GNU time -v when present, otherwise peak RSS by sampling /proc/<pid>/status (VmHWM) while the
// child runs. stdout and stderr go to files (a pipe would make the child wait on this process).
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GNU_TIME, readGnuTime } from './gnu-time.mjs';

let scratch;
function scratchDir() {
  if (!scratch) {
    scratch = mkdtempSync(join(tmpdir(), 'front-contacts-bench-'));
    process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
  }
  return scratch;
}

/**
 * `argv`: the command. Options: `cwd`, `env`, and `sample(pid)`, called every `sampleMs` (default 5) while the
 * child runs (the caller's own /proc sampling, e.g. per-thread CPU time).
 * Resolves to { wallMs, userS, sysS, cpuS, rssKb, exit, stdout, stderr }; CPU times are undefined without GNU time.
 */
export function measure(argv, { cwd, env, sample, sampleMs = 5 } = {}) {
  const dir = scratchDir();
  return new Promise((done) => {
    const outFile = join(dir, 'stdout');
    const errFile = join(dir, 'stderr');
    const timeFile = join(dir, 'time');
    const out = openSync(outFile, 'w');
    const err = openSync(errFile, 'w');
    const full = GNU_TIME ? [GNU_TIME, '-v', '-o', timeFile, ...argv] : argv;
    const started = process.hrtime.bigint();
    const child = spawn(full[0], full.slice(1), { cwd, env, stdio: ['ignore', out, err] });
    let hwmKb = 0;
    const sampler = setInterval(() => {
      if (sample) sample(child.pid);
      if (GNU_TIME) return;
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
      } catch {
        // exited
      }
    }, sampleMs);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearInterval(sampler);
      closeSync(out);
      closeSync(err);
      let exit = code;
      let userS, sysS, cpuS;
      let rssKb = hwmKb || undefined;
      if (GNU_TIME) {
        const t = readGnuTime(timeFile);
        ({ userS, sysS, rssKb } = t);
        cpuS = userS + sysS;
        if (t.exit !== undefined) exit = t.exit;
      }
      done({ wallMs, userS, sysS, cpuS, rssKb, exit, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') });
    });
  });
}
