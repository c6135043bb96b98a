// Files that talk to Front for the synthetic benchmark repository: "hit" files containing code the
// checker must report (team contacts URLs in several styles, requests to /contacts/:id that will not
// follow a 301) and "near miss" files containing code it must leave alone. Each planted hit is one
// line, so the manifest can say exactly where it is.
import { Namer } from './codegen.mjs';

const BT = '`';
/** Marks a line as a planted hit; generateFrontFile strips the mark and records the line number. */
const hit = (rule, style, line) => `\u0000${rule}\u0000${style}\u0000${line}`;

/**
 * Each style gets the file context `c` ({ ts, n, rng }) and returns { needs, prelude, body } where
 * `needs` lists imports, `prelude` goes after the imports (module-level), `body` is a function.
 */
export const TEAM_STYLES = {
  'literal-host': (c) => ({
    body: fn(c, 'listTeamContacts', [], 'Promise<unknown[]>', [
      hit('team-contacts-endpoint', 'literal-host', `const res = await fetch('https://api2.frontapp.com/teams/tim_${c.rng.id(4)}/contacts', { headers });`),
      `const body = await res.json();`,
      `return body._results;`]),
  }),
  'template-const': (c) => ({
    body: fn(c, 'fetchTeamContacts', ['teamId: string'], 'Promise<unknown[]>', [
      hit('team-contacts-endpoint', 'template-const', `const res = await fetch(${BT}\${FRONT_API}/teams/\${teamId}/contacts?limit=${c.rng.int(10, 100)}${BT}, { headers });`),
      `if (!res.ok) throw new Error(${BT}Front answered \${res.status}${BT});`,
      `return (await res.json())._results;`]),
  }),
  concat: (c) => ({
    body: fn(c, 'teamContactsPage', ['teamId: string', 'pageToken?: string'], 'Promise<unknown>', [
      c.rng.chance(0.5)
        ? hit('team-contacts-endpoint', 'concat', `const url = FRONT_API + '/teams/' + teamId + '/contacts';`)
        : hit('team-contacts-endpoint', 'concat-query', `const url = FRONT_API + '/teams/' + teamId + '/contacts' + (pageToken ? '?page_token=' + pageToken : '');`),
      `const res = await fetch(url, { headers });`,
      `return res.json();`]),
  }),
  'axios-baseurl': (c) => ({
    needs: ['axios'],
    prelude: [`const frontApi = axios.create({ baseURL: 'https://api2.frontapp.com', headers, timeout: ${c.rng.int(2, 30) * 1000} });`],
    body: fn(c, 'loadTeamContacts', ['teamId: string'], 'Promise<unknown[]>', [
      hit('team-contacts-endpoint', 'axios-baseurl', `const { data } = await frontApi.get(${BT}/teams/\${teamId}/contacts${BT}, { params: { limit: 50 } });`),
      `return data._results;`]),
  }),
  'new-url': (c) => ({
    body: fn(c, 'syncTeamContacts', ['teamId: string'], 'Promise<number>', [
      hit('team-contacts-endpoint', 'new-url', `const url = new URL(${BT}/teams/\${teamId}/contacts${BT}, FRONT_API);`),
      `url.searchParams.set('limit', '100');`,
      `const res = await fetch(url, { headers });`,
      `const page = await res.json();`,
      `return page._results.length;`]),
  }),
  'route-template': (c) => {
    const style = c.rng.pick(['{team_id}', ':team_id', '<team_id>']);
    const name = c.n.unique('TEAM_CONTACTS_PATH');
    return {
      prelude: [hit('team-contacts-endpoint', 'route-template', `const ${name} = '/teams/${style}/contacts';`)],
      body: fn(c, 'teamContacts', ['teamId: string'], 'Promise<unknown>', [
        `const res = await fetch(FRONT_API + ${name}.replace('${style}', encodeURIComponent(teamId)), { headers });`,
        `return res.json();`]),
    };
  },
  'post-trailing-slash': (c) => ({
    body: fn(c, 'createTeamContact', ['teamId: string', 'contact: { name: string; handles: unknown[] }'], 'Promise<unknown>', [
      hit('team-contacts-endpoint', 'post-trailing-slash', `const res = await fetch(${BT}\${FRONT_API}/teams/\${teamId}/contacts/${BT}, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(contact) });`),
      `return res.json();`]),
  }),
  'got-prefix': (c) => ({
    needs: ['got'],
    prelude: [`const front = got.extend({ prefixUrl: FRONT_API, headers, retry: { limit: ${c.rng.int(1, 4)} } });`],
    body: fn(c, 'teamContactsViaGot', ['teamId: string'], 'Promise<unknown>', [
      hit('team-contacts-endpoint', 'got-prefix', `return front.get(${BT}teams/\${teamId}/contacts${BT}, { searchParams: { limit: 100 } }).json();`)]),
  }),
};

export const REDIRECT_STYLES = {
  'fetch-manual': (c) => ({
    body: fn(c, 'readContact', ['contactId: string'], 'Promise<unknown>', [
      hit('contact-redirect-disabled', 'fetch-manual', `const res = await fetch(${BT}\${FRONT_API}/contacts/\${contactId}${BT}, { headers, redirect: 'manual' });`),
      `if (res.status !== 200) return null;`,
      `return res.json();`]),
  }),
  'fetch-error': (c) => ({
    body: fn(c, 'contactConversations', ['contactId: string'], 'Promise<unknown>', [
      hit('contact-redirect-disabled', 'fetch-error', `const res = await fetch(${BT}\${FRONT_API}/contacts/\${contactId}/conversations?limit=25${BT}, { redirect: 'error', headers });`),
      `return (await res.json())._results;`]),
  }),
  'axios-max0': (c) => ({
    needs: ['axios'],
    body: fn(c, 'getContact', ['contactId: string'], 'Promise<unknown>', [
      hit('contact-redirect-disabled', 'axios-max0', `const { data } = await axios.get(${BT}https://api2.frontapp.com/contacts/\${contactId}${BT}, { headers, maxRedirects: 0 });`),
      `return data;`]),
  }),
  'got-nofollow': (c) => ({
    needs: ['got'],
    body: fn(c, 'contactNotes', ['contactId: string'], 'Promise<unknown>', [
      hit('contact-redirect-disabled', 'got-nofollow', `return got(${BT}https://api2.frontapp.com/contacts/\${contactId}/notes${BT}, { headers, followRedirect: false }).json();`)]),
  }),
  'https-get': (c) => ({
    needs: ['https'],
    body: fn(c, 'contactStatus', ['contactId: string'], 'Promise<number | undefined>', [
      `return new Promise((resolve, reject) => {`,
      hit('contact-redirect-disabled', 'https-get', `  https.get(${BT}https://api2.frontapp.com/contacts/\${contactId}${BT}, { headers }, (res) => resolve(res.statusCode)).on('error', reject);`),
      `});`], false),
  }),
  'node-fetch-follow0': (c) => ({
    needs: ['node-fetch'],
    body: fn(c, 'contactHandles', ['contactId: string'], 'Promise<unknown>', [
      hit('contact-redirect-disabled', 'node-fetch-follow0', `const res = await nodeFetch(${BT}\${FRONT_API}/contacts/\${contactId}/handles${BT}, { headers, follow: 0 });`),
      `return res.json();`]),
  }),
};

/** Code next to the hits that must stay quiet. */
export const NEAR_MISS_STYLES = {
  teammates: (c) => ({ body: fn(c, 'teammateContacts', ['teammateId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/teammates/\${teammateId}/contacts${BT}, { headers });`, `return res.json();`]) }),
  'contact-groups': (c) => ({ body: fn(c, 'addToGroup', ['groupId: string', 'ids: string[]'], 'Promise<void>', [`await fetch(${BT}\${FRONT_API}/contact_groups/\${groupId}/contacts${BT}, { method: 'POST', headers, body: JSON.stringify({ contact_ids: ids }) });`]) }),
  'team-contact-groups': (c) => ({ body: fn(c, 'teamGroups', ['teamId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/teams/\${teamId}/contact_groups${BT}, { headers });`, `return res.json();`]) }),
  'merge-manual': (c) => ({ body: fn(c, 'mergeContacts', ['ids: string[]'], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/contacts/merge${BT}, { method: 'POST', redirect: 'manual', headers, body: JSON.stringify({ contact_ids: ids }) });`, `return res.json();`]) }),
  'custom-fields-manual': (c) => ({ body: fn(c, 'contactFields', [], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/contacts/custom_fields${BT}, { headers, redirect: 'manual' });`, `return res.json();`]) }),
  'other-vendor': (c) => ({ body: fn(c, 'vendorTeamContacts', [], 'Promise<unknown>', [`const res = await fetch('https://api.hubspot.example/crm/v3/teams/${c.rng.int(1, 99)}/contacts', { redirect: 'manual' });`, `return res.json();`]) }),
  comments: (c) => ({ body: [`// Until 2024 this called GET /teams/:team_id/contacts; Front lists company contacts at /contacts now.`, `/* POST https://api2.frontapp.com/teams/tim_123/contacts was replaced by POST /contacts */`,
    ...fn(c, 'listCompanyContacts', [], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/contacts?limit=100${BT}, { headers }); // was ${BT}\${FRONT_API}/teams/\${teamId}/contacts${BT}`, `return res.json();`])] }),
  'own-express-route': (c) => ({
    needs: ['express'],
    prelude: [`const app = express();`],
    body: [`app.get('/teams/:teamId/contacts', async (req${c.ts ? ': any' : ''}, res${c.ts ? ': any' : ''}) => {`,
      `  const upstream = await fetch(${BT}\${FRONT_API}/contacts?limit=50${BT}, { headers });`,
      `  res.json(await upstream.json());`, `});`],
  }),
  // a read that follows on Front's own Location host keeps its Authorization: quiet (on api2 it is an auth-dropped hit)
  'follow-get': (c) => ({ body: fn(c, 'contactById', ['contactId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}https://api.frontapp.com/contacts/\${contactId}${BT}, { headers });`, `return res.json();`]) }),
  accounts: (c) => ({ body: fn(c, 'accountContacts', ['accountId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/accounts/\${accountId}/contacts${BT}, { headers });`, `return res.json();`]) }),
  'create-contact': (c) => ({ body: fn(c, 'createContact', ['contact: object'], 'Promise<unknown>', [`const res = await fetch(${BT}\${FRONT_API}/contacts${BT}, { method: 'POST', headers, body: JSON.stringify(contact) });`, `return res.json();`]) }),
};

function fn(c, base, params, ret, lines, isAsync = true) {
  const name = c.n.unique(base);
  const ps = params.map((p) => (c.ts ? p : p.replace(/\??:.*$/, ''))).join(', ');
  return [`${c.esm ? 'export ' : ''}${isAsync ? 'async ' : ''}function ${name}(${ps})${c.ts ? ': ' + ret : ''} {`, ...lines.map((l) => (l.startsWith('\u0000') ? l.replace(/\u0000([^\u0000]*)$/, '\u0000  $1') : '  ' + l)), `}`, ''];
}

const IMPORTS = {
  axios: ['import axios from \'axios\';', "const axios = require('axios');"],
  got: ["import got from 'got';", "const got = require('got');"],
  'node-fetch': ["import nodeFetch from 'node-fetch';", "const nodeFetch = require('node-fetch');"],
  https: ["import https from 'node:https';", "const https = require('node:https');"],
  express: ["import express from 'express';", "const express = require('express');"],
};

/**
 * A module that talks to Front: imports, the Front host constant, headers, unrelated helper code
 * (from `filler`) and the given styles. Returns the text and the planted hits ({ line, rule, style }).
 */
export function generateFrontFile(rng, ext, styles, targetBytes, filler, configSpec) {
  const n = new Namer(rng);
  const ts = /(^|\.)(ts|tsx|mts|cts)$/.test(ext);
  const jsx = /x$/.test(ext);
  const esm = ext !== 'cjs';
  const c = { ts, esm, n, rng };
  const parts = styles.map((s) => s(c));
  const needs = new Set(parts.flatMap((p) => p.needs ?? []));
  const lines = [`// ${rng.pick(['Front integration', 'Helpdesk sync', 'CRM bridge to Front', 'Support inbox client'])}: ${n.sentence()}.`];
  if (jsx) lines.push("import React, { useEffect, useState } from 'react';");
  for (const need of needs) lines.push(IMPORTS[need][esm ? 0 : 1]);
  lines.push('');
  if (configSpec) {
    // The host lives in another module: only cross-file resolution tells this file talks to Front.
    lines.push(esm ? `import { FRONT_API, headers } from '${configSpec}';` : `const { FRONT_API, headers } = require('${configSpec}');`);
  } else {
    lines.push(`const FRONT_API = '${rng.pick(['https://api2.frontapp.com', 'https://api.frontapp.com'])}';`);
    lines.push(`const headers = { Authorization: ${BT}Bearer \${process.env.FRONT_API_TOKEN}${BT}, Accept: 'application/json' };`);
  }
  for (const p of parts) if (p.prelude) lines.push(...p.prelude);
  lines.push('');
  const bodies = parts.map((p) => p.body);
  // interleave helper blocks so hits sit at varied depths of the file
  let size = lines.join('\n').length + bodies.flat().join('\n').length;
  const fillers = [];
  while (size < targetBytes) {
    const block = filler(rng, n, { ts, esm });
    fillers.push(block);
    size += block.join('\n').length + 1;
  }
  const slots = [...bodies.map((b) => ({ b })), ...fillers.map((b) => ({ b }))];
  rng.shuffle(slots);
  for (const { b } of slots) lines.push(...b, '');
  if (jsx) {
    const first = bodies[0]?.find((l) => /function (\w+)\(/.test(l))?.match(/function (\w+)\(/)?.[1];
    const C = n.unique('FrontContactsPanel');
    lines.push(`export function ${C}({ id }${ts ? ': { id: string }' : ''}) {`,
      `  const [data, setData] = useState${ts ? '<unknown>' : ''}(null);`,
      `  useEffect(() => { ${first ? `Promise.resolve(${first}(id)).then(setData)` : 'setData(id)'}; }, [id]);`,
      `  return <pre className="front-contacts">{JSON.stringify(data, null, 2)}</pre>;`,
      `}`, '');
  }
  if (!esm) {
    const names = lines.map((l) => /^(?:async )?function (\w+)\(/.exec(l)?.[1]).filter(Boolean);
    lines.push(`module.exports = { ${names.join(', ')} };`);
  }
  return extractHits(lines.join('\n') + '\n');
}

/** Styles whose code names Front only through FRONT_API (usable with an imported host). */
export const HOST_CONSTANT_STYLES = ['template-const', 'concat', 'new-url', 'route-template', 'post-trailing-slash', 'got-prefix', 'fetch-manual', 'fetch-error', 'node-fetch-follow0'];

/** The shared settings module that hit files with an imported host import FRONT_API from. */
export function generateFrontConfig(rng, ext) {
  const esm = ext !== 'cjs';
  const host = rng.pick(['https://api2.frontapp.com', 'https://api.frontapp.com']);
  const lines = ['// Front API settings shared by the integrations in this folder.',
    `${esm ? 'export ' : ''}const FRONT_API = process.env.FRONT_API_URL || '${host}';`,
    `${esm ? 'export ' : ''}const headers = { Authorization: ${BT}Bearer \${process.env.FRONT_API_TOKEN}${BT}, Accept: 'application/json' };`];
  if (!esm) lines.push('module.exports = { FRONT_API, headers };');
  return { text: lines.join('\n') + '\n', hits: [] };
}

/** A near-miss file that never names Front's host: the app's own /api/teams/:id/contacts. */
export function generateOwnApiFile(rng, ext, targetBytes, filler) {
  const n = new Namer(rng);
  const ts = /(^|\.)(ts|tsx|mts|cts)$/.test(ext);
  const esm = ext !== 'cjs';
  const c = { ts, esm, n, rng };
  const lines = [`// Client for our own back-office API (served by packages/server), not for any vendor.`, ''];
  lines.push(...fn(c, 'teamContacts', ['teamId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}/api/teams/\${teamId}/contacts${BT}, { credentials: 'include' });`, `return res.json();`]));
  lines.push(...fn(c, 'contactDetails', ['contactId: string'], 'Promise<unknown>', [`const res = await fetch(${BT}/api/contacts/\${contactId}${BT}, { redirect: 'manual', credentials: 'include' });`, `return res.status === 200 ? res.json() : null;`]));
  let size = lines.join('\n').length;
  while (size < targetBytes) {
    const block = filler(rng, n, { ts, esm });
    lines.push(...block, '');
    size += block.join('\n').length + 1;
  }
  if (!esm) lines.push(`module.exports = { ${lines.map((l) => /^(?:async )?function (\w+)\(/.exec(l)?.[1]).filter(Boolean).join(', ')} };`);
  return { text: lines.join('\n') + '\n', hits: [] };
}

function extractHits(text) {
  const hits = [];
  const out = text.split('\n').map((line, i) => {
    if (!line.startsWith('\u0000')) return line;
    const [, rule, style, code] = line.split('\u0000');
    hits.push({ line: i + 1, rule, style });
    return code;
  });
  return { text: out.join('\n'), hits };
}
