import { FRONT_API } from './constants';

export function teamContactsUrl(teamId: string): string {
  return `${FRONT_API}/teams/${teamId}/contacts`;
}
