import axios from 'axios';
import type { FrontContact } from '../front/FrontClient';

// Pipedrift (our CRM) also scopes contacts by team: POST /teams/:id/contacts on THEIR API.
// Unlike Front's deprecated GET /teams/:team_id/contacts, theirs is here to stay.
const crm = axios.create({
  baseURL: 'https://api.pipedrift.example/v2',
  headers: { 'X-Api-Key': process.env.PIPEDRIFT_KEY ?? '' },
});

export async function mirrorToCrm(teamId: string, contact: FrontContact): Promise<void> {
  await crm.post(`/teams/${teamId}/contacts`, {
    external_id: contact.id,
    name: contact.name,
    emails: contact.handles.filter((h) => h.source === 'email').map((h) => h.handle),
  });
}

/** The default team's contacts on Pipedrift, for the reconciliation report. */
export async function listDefaultTeam(): Promise<unknown[]> {
  const res = await fetch('https://api.pipedrift.example/v2/teams/1/contacts');
  return (await res.json()) as unknown[];
}
