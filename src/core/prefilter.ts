// The engine's cheap text test, in a module of its own: it must not load TypeScript, so that a run over
// files that cannot match never pays for the parser.

/**
 * False means no rule can report in this file. Deliberately wide (`contact`, not `contacts`: a caller may
 * say `ROUTES.contactNotes(id)`); files that import a file passing this test must be analysed too (the CLI
 * computes that closure), since URLs and clients are resolved across files.
 */
export function mightMatch(text: string): boolean {
  return /contact|frontchat|front-chat|front_chat/i.test(text);
}
