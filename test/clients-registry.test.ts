// The client registry: a client added to ClientKind but not registered would silently never match a call.
import { describe, expect, it } from 'vitest';
import { CLIENT_MODELS } from '../src/core/clients/index';
import { CLIENT_KINDS } from '../src/core/clients/model';

describe('client models registry', () => {
  it('registers each kind once', () => {
    const kinds = CLIENT_MODELS.map((m) => m.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('has a model for every client kind', () => {
    const registered = new Set(CLIENT_MODELS.map((m) => m.kind));
    expect(CLIENT_KINDS.filter((k) => !registered.has(k))).toEqual([]);
  });
});
