export async function listTeamContacts(teamId: string) {
  const res = await fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');
  return res.json();
}
