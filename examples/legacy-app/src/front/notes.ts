import got from 'got';
import { FRONT_API } from './routes';

// got gives us retries on 429 for free.
const front = got.extend({
  prefixUrl: FRONT_API,
  headers: { authorization: `Bearer ${process.env.FRONT_API_TOKEN}` },
  responseType: 'json',
  retry: { limit: 3, statusCodes: [429, 502, 503] },
  // A redirect once meant our proxy's login page; fail loudly instead of following it.
  followRedirect: false,
});

export interface NoteInput {
  authorId: string;
  body: string;
}

/** Leaves a note on the customer's Front contact when the CRM account changes owner. */
export async function addContactNote(contactId: string, note: NoteInput): Promise<void> {
  await front.post(`contacts/${contactId}/notes`, { json: { author_id: note.authorId, body: note.body } });
}
