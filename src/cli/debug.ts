/** `--debug` / FRONT_CONTACTS_DEBUG=1: one-line facts about a run on stderr (what was analysed, cached, on how many threads). */
import type { Io } from './io';

export function wantsDebug(flagGiven: boolean, env: NodeJS.ProcessEnv): boolean {
  const v = env.FRONT_CONTACTS_DEBUG;
  return flagGiven || (v !== undefined && v !== '' && v !== '0' && v !== 'false');
}

export function debugLine(io: Io, message: string): void {
  io.stderr.write(`front-contacts: debug: ${message}\n`);
}
