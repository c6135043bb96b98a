// Reading a contact list page, the next page's URL, and which hosts the token may be sent to.

import { describe, expect, it } from 'vitest';
import { checkTokenMayGo, mayReceiveToken, parseContactPage, resolveNextUrl } from '../../src/legacy-ids/pagination';

describe('pagination', () => {
  it('reads _results and _pagination.next; anything else is not a page', () => {
    expect(parseContactPage({ _results: [], _pagination: { next: 'https://x/contacts?page_token=a' } })).toEqual({ results: [], next: 'https://x/contacts?page_token=a' });
    expect(parseContactPage({ _results: [{ id: 'crd_1' }] })).toEqual({ results: [{ id: 'crd_1' }], next: null });
    expect(parseContactPage({ _results: [], _pagination: { next: '' } })?.next).toBeNull();
    for (const notAPage of [null, 'text', [], { results: [] }, { _results: {} }, { _results: [], _pagination: { next: 5 } }]) {
      expect(parseContactPage(notAPage)).toBeUndefined();
    }
  });

  it('resolves a relative next link against the current page and stops a page that names itself', () => {
    const current = 'https://api2.frontapp.com/contacts?limit=100';
    expect(resolveNextUrl('/contacts?limit=100&page_token=b', current)).toBe('https://api2.frontapp.com/contacts?limit=100&page_token=b');
    expect(() => resolveNextUrl(current, current)).toThrow(/named the page it just returned as the next page/);
    expect(() => resolveNextUrl('http://[bad', current)).toThrow(/invalid _pagination.next/);
  });

  it('sends the token only to the base origin, Front https hosts when the base is Front, and allowed hosts', () => {
    const front = new URL('https://api2.frontapp.com');
    expect(mayReceiveToken('https://api2.frontapp.com/contacts', front, [])).toBe(true);
    expect(mayReceiveToken('https://acme.api.frontapp.com/contacts', front, [])).toBe(true);
    expect(mayReceiveToken('http://api.frontapp.com/contacts', front, [])).toBe(false);
    expect(mayReceiveToken('https://frontapp.com.evil.example/contacts', front, [])).toBe(false);
    const proxy = new URL('http://127.0.0.1:8080');
    expect(mayReceiveToken('https://api2.frontapp.com/contacts', proxy, [])).toBe(false);
    expect(mayReceiveToken('http://127.0.0.1:9090/contacts', proxy, ['127.0.0.1:9090'])).toBe(true);
    expect(() => checkTokenMayGo('https://mirror.example:8443/contacts', front, [])).toThrow(
      'refusing to send the API token to https://mirror.example:8443 (named by _pagination.next); if that host is yours, pass --allow-host mirror.example:8443',
    );
  });
});
