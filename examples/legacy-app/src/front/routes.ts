/**
 * Front Core API locations shared by the client, the sync job and the notes worker.
 * Centralised in 2019 so every part of the bridge agrees on paths.
 */
export const FRONT_API = 'https://api2.frontapp.com';

// Route template for a team's contacts; callers substitute :team_id.
export const TEAM_CONTACTS_ROUTE = '/teams/:team_id/contacts';

/** Absolute URL of one page of a team's contacts. */
export const teamContactsUrl = (teamId: string, pageToken?: string) =>
  `${FRONT_API}/teams/${teamId}/contacts` + (pageToken ? `?page_token=${encodeURIComponent(pageToken)}` : '');

// Private contacts of one teammate and contact groups are not team contacts:
// they keep working after the company-wide contacts migration.
export const teammateContactsUrl = (teammateId: string) => `${FRONT_API}/teammates/${teammateId}/contacts`;
export const groupContactsUrl = (groupId: string) => `${FRONT_API}/contact_groups/${groupId}/contacts`;
