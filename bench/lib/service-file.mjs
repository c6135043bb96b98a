// The generated 5,000-line service file the editor benchmarks edit (bench/editor-latency.mjs,
// bench/scan-while-typing.mjs), and keystroke-sized edits of it, drawn from one seeded generator.
import { createRng } from './prng.mjs';

/** generate(lines) and edit(text) over one seeded random sequence (the order of calls matters). */
export function serviceFile(seed) {
  const rng = createRng(seed);
  const rand = rng.next;
  const pick = rng.pick;
  /** A service module of the kind the extension sees: HTTP calls (some to Front), types, helpers, comments. */
  function generate(lines) {
    const out = [
      "import axios from 'axios';",
      "const FRONT_API = 'https://api2.frontapp.com';",
      "const front = axios.create({ baseURL: FRONT_API, headers: { Authorization: `Bearer ${process.env.FRONT_TOKEN}` } });",
      "const billing = axios.create({ baseURL: 'https://billing.example.com' });",
      '',
    ];
    const blocks = [
      (i) => [
        `/** Lists the contacts of team ${i}. */`,
        `export async function listTeamContacts${i}(teamId: string) {`,
        `  const res = await fetch(FRONT_API + '/teams/' + teamId + '/contacts?limit=${i % 100}');`,
        '  return res.json();',
        '}',
      ],
      (i) => [
        `export async function getContact${i}(id: string) {`,
        `  const res = await fetch(\`\${FRONT_API}/contacts/\${id}\`, { redirect: 'manual' });`,
        '  if (res.status === 301) throw new Error(`moved: ${res.headers.get("location")}`);',
        '  return res.json();',
        '}',
      ],
      (i) => [
        `export async function addNote${i}(contactId: string, body: string) {`,
        `  return front.post(\`/contacts/\${contactId}/notes\`, { body, author_id: 'tea_${i}' });`,
        '}',
      ],
      (i) => [
        `export interface Invoice${i} { id: string; amount: number; currency: 'USD' | 'EUR'; lines: Array<{ sku: string; qty: number }> }`,
        `export async function invoices${i}(customer: string): Promise<Invoice${i}[]> {`,
        "  const { data } = await billing.get(`/customers/${customer}/invoices`, { params: { page: 1 } });",
        `  return data.filter((x: Invoice${i}) => x.amount > ${i % 50}).map((x: Invoice${i}) => ({ ...x, amount: Math.round(x.amount * 100) / 100 }));`,
        '}',
      ],
      (i) => [
        `export function formatRow${i}(row: Record<string, unknown>): string {`,
        '  // Pure formatting: no HTTP here.',
        "  return Object.entries(row).map(([k, v]) => `${k}=${String(v ?? '')}`).join(', ');",
        '}',
      ],
      (i) => [
        `export const teammateContacts${i} = (id: string) => fetch(\`\${FRONT_API}/teammates/\${id}/contacts\`);`,
      ],
    ];
    // Mostly ordinary code; about one block in twelve talks to Front (a few dozen findings per file).
    const front = blocks.slice(0, 3);
    const other = blocks.slice(3);
    // Whole blocks only: cutting the last one short would leave every version of the file with a syntax error,
    // which an edited file in the editor usually has not (the file ends up a few lines over `lines`).
    for (let i = 0; out.length < lines; i++) out.push(...(rand() < 1 / 12 ? pick(front) : pick(other))(i), '');
    return out.join('\n') + '\n';
  }

  /** One keystroke-sized edit somewhere in the file: insert or delete one character inside a line. */
  function edit(text) {
    const at = Math.floor(rand() * text.length);
    if (rand() < 0.5 && text[at] !== '\n' && at > 0) return text.slice(0, at) + text.slice(at + 1);
    return text.slice(0, at) + pick([' ', 'x', '1', ';']) + text.slice(at);
  }
  return { generate, edit };
}
