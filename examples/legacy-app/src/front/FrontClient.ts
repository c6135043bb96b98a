import axios, { AxiosInstance } from 'axios';
import { TEAM_CONTACTS_ROUTE } from './routes';

export interface FrontHandle {
  handle: string;
  source: 'email' | 'phone' | 'twitter' | 'custom' | 'front_chat';
}

export interface FrontContact {
  id: string;
  name: string | null;
  handles: FrontHandle[];
  custom_fields?: Record<string, unknown>;
  _links: { self: string };
}

interface Page<T> {
  _results: T[];
  _pagination: { next: string | null };
}

/** Thin SDK over Front's Core API, shared by the admin server and the jobs. */
export class FrontClient {
  private readonly http: AxiosInstance;

  constructor(token: string, private readonly defaultTeamId: string) {
    this.http = axios.create({
      baseURL: 'https://api2.frontapp.com',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      timeout: 10_000,
    });
  }

  /** Every contact of a team, following Front's page links. */
  async listTeamContacts(teamId: string = this.defaultTeamId): Promise<FrontContact[]> {
    const contacts: FrontContact[] = [];
    let url: string | null = `/teams/${teamId}/contacts?limit=100`;
    while (url) {
      const { data }: { data: Page<FrontContact> } = await this.http.get(url);
      contacts.push(...data._results);
      url = data._pagination.next;
    }
    return contacts;
  }

  async createTeamContact(teamId: string, contact: { name: string; handles: FrontHandle[] }): Promise<FrontContact> {
    const path = TEAM_CONTACTS_ROUTE.replace(':team_id', encodeURIComponent(teamId));
    const { data } = await this.http.post<FrontContact>(path, contact);
    return data;
  }

  async getContact(contactId: string): Promise<FrontContact> {
    const { data } = await this.http.get<FrontContact>(`/contacts/${contactId}`);
    return data;
  }

  /** Attach the chat user's id to the contact so new chats land on it. */
  async linkChatHandle(contactId: string, userId: string): Promise<void> {
    await this.http.post(`/contacts/${contactId}/handles`, { handle: userId, source: 'front_chat' });
  }

  // --- Not affected by the migration -------------------------------------------------------

  async listTeammateContacts(teammateId: string): Promise<FrontContact[]> {
    const { data } = await this.http.get<Page<FrontContact>>(`/teammates/${teammateId}/contacts`);
    return data._results;
  }

  async listTeamContactGroups(teamId: string): Promise<unknown[]> {
    const { data } = await this.http.get<Page<unknown>>(`/teams/${teamId}/contact_groups`);
    return data._results;
  }

  async addToGroup(groupId: string, contactIds: string[]): Promise<void> {
    await this.http.post(`/contact_groups/${groupId}/contacts`, { contact_ids: contactIds });
  }

  async merge(contactIds: string[]): Promise<FrontContact> {
    const { data } = await this.http.post<FrontContact>('/contacts/merge', { contact_ids: contactIds });
    return data;
  }

  async listCustomFields(): Promise<unknown[]> {
    const { data } = await this.http.get<Page<unknown>>('/contacts/custom_fields');
    return data._results;
  }
}
