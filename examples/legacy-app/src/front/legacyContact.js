'use strict';
// Helpers from the v1 webhook worker (2018). Still required by scripts/backfill.js.
const https = require('https');

const FRONT_HOST = 'api2.frontapp.com';

function requestJson(options) {
  return new Promise((resolve, reject) => {
    const req = https.request(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error('Front answered HTTP ' + res.statusCode));
        resolve(JSON.parse(body));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** One page of a team's contacts. */
function listTeamContactsPage(teamId, token, pageToken) {
  return requestJson({
    hostname: FRONT_HOST,
    path: '/teams/' + teamId + '/contacts' + (pageToken ? '?page_token=' + encodeURIComponent(pageToken) : ''),
    method: 'GET',
    headers: { Authorization: 'Bearer ' + token },
  });
}

function getContact(contactId, token) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: 'api2.frontapp.com',
        path: '/contacts/' + encodeURIComponent(contactId),
        method: 'GET',
        headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error('HTTP ' + res.statusCode))));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

module.exports = { listTeamContactsPage, getContact };
