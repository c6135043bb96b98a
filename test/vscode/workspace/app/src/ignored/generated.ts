export const generated = () => fetch('https://api2.frontapp.com/teams/' + 'tim_1' + '/contacts');
