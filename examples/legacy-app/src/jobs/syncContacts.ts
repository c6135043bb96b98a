import { Pool } from 'pg';
import { FRONT_API } from '../front/routes';
import type { FrontContact } from '../front/FrontClient';
import { ContactStore } from '../db/contactStore';

const TOKEN = process.env.FRONT_API_TOKEN ?? '';
const headers = { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' };

/** Nightly: match every contact of the support team to a CRM customer and remember its Front id. */
export async function fullSync(store: ContactStore, teamId: string): Promise<number> {
  let linked = 0;
  let next: string | null = null;
  do {
    const url = next ? new URL(next) : new URL(`/teams/${teamId}/contacts`, FRONT_API);
    url.searchParams.set('limit', '100');
    const res = await fetch(url, { headers });
    const page = (await res.json()) as { _results: FrontContact[]; _pagination: { next: string | null } };
    for (const contact of page._results) {
      const email = contact.handles.find((h) => h.source === 'email')?.handle;
      const customerId = email && (await store.findCustomerByEmail(email));
      if (customerId) {
        await store.link(customerId, contact.id);
        linked++;
      }
    }
    next = page._pagination.next;
  } while (next);
  return linked;
}

/** Hourly: re-read each linked contact and refresh the CRM's copy. */
export async function refreshLinkedContacts(store: ContactStore): Promise<number> {
  let refreshed = 0;
  for (const link of await store.allLinks()) {
    // Front never redirected API calls; a 3xx here used to mean our egress proxy's login page.
    const res = await fetch(`${FRONT_API}/contacts/${link.frontContactId}`, {
      headers,
      redirect: 'manual',
    });
    if (res.status !== 200) {
      console.warn(`contact ${link.frontContactId}: HTTP ${res.status}, skipped`);
      continue;
    }
    await store.saveSnapshot(link.customerId, (await res.json()) as FrontContact);
    refreshed++;
  }
  return refreshed;
}

/** Merging is not a contact id route: the redirect option is irrelevant here. */
export async function mergeDuplicates(contactIds: string[]): Promise<FrontContact> {
  const res = await fetch(`${FRONT_API}/contacts/merge`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ contact_ids: contactIds }),
    redirect: 'manual',
  });
  return (await res.json()) as FrontContact;
}

export async function main(): Promise<void> {
  const store = new ContactStore(new Pool());
  const linked = await fullSync(store, process.env.FRONT_TEAM_ID ?? 'tim_1');
  const refreshed = await refreshLinkedContacts(store);
  console.log(`linked ${linked}, refreshed ${refreshed}`);
}
