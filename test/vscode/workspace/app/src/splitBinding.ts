const FRONT_API = 'https://api2.frontapp.com';

export function teamApi(teamId: string) {
  const teamBase = `${FRONT_API}/teams/${teamId}`;
  return {
    inboxes: () => fetch(`${teamBase}/inboxes`),
    contacts: () => fetch(`${teamBase}/contacts`),
  };
}
