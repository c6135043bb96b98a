export function listTeamContacts(teamId) {
  return fetch('https://api2.frontapp.com/teams/' + teamId + '/contacts');
}
