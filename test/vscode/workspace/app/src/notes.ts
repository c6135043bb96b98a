import got from 'got';

// got gives us retries on 429 for free.
const front = got.extend({
  prefixUrl: 'https://api2.frontapp.com',
  headers: { authorization: `Bearer ${process.env.FRONT_API_TOKEN}` },
  responseType: 'json',
  retry: { limit: 3, statusCodes: [429, 502, 503] },
  // A redirect once meant our proxy's login page; fail loudly instead of following it.
  followRedirect: false,
});

/** Leaves a note on the customer's Front contact. */
export async function addContactNote(contactId: string, body: string): Promise<void> {
  await front.post(`contacts/${contactId}/notes`, { json: { author_id: 'tea_1', body } });
}
