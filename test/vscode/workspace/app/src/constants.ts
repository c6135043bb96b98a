export const FRONT_API = 'https://api2.frontapp.com';
