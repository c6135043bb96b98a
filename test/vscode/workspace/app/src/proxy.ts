export function viaProxy(teamId: string) {
  return fetch('https://front-proxy.internal.example/teams/' + teamId + '/contacts');
}
