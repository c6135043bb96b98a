// Files a generator wrote (an OpenAPI client, a bundled SDK): their findings still count, but an edit there is
// overwritten by the next generation, so the message says to regenerate from Front's current OpenAPI spec and the
// edit is offered as a suggestion, never applied as a safe fix.
import type { Finding } from './types';

/** How far into the file the marker is looked for: generators put it in the header comment. */
const HEADER = 2000;
const MARKER = /@generated\b|\bauto-?generated\b|\bDO NOT EDIT\b|\bgenerated (?:by|using|via|with)\b|\bTHIS FILE WAS GENERATED\b/i;

export function isGeneratedFile(text: string): boolean {
  return MARKER.test(text.slice(0, HEADER));
}

const REGENERATE = " This file is generated: regenerate it from Front's current OpenAPI spec instead of editing it (an edit here would be overwritten).";

/** The findings of a generated file: the message says to regenerate; a safe fix becomes a suggestion. */
export function asGenerated(findings: Finding[]): Finding[] {
  return findings.map((f) => {
    const out: Finding = { ...f, message: f.message + REGENERATE };
    if (f.fix) {
      out.suggestions = [{ title: 'Edit the generated file (regenerating it is the lasting fix)', edits: f.fix.edits }, ...(f.suggestions ?? [])];
      delete out.fix;
    }
    return out;
  });
}
