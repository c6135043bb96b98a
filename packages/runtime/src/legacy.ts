// Front's documented remapping pattern, typed: a migrated company contact lists, in
// `_migration.legacy_ids`, the ids of the team contacts that were merged into it.

/** The part of a Front contact that the remapping needs. `_migration` is absent for unmigrated contacts. */
export interface FrontContactLike {
  id: string;
  _migration?: { legacy_ids?: readonly string[] | null } | null;
}

/**
 * The legacy ids a contact replaces: strings only, without duplicates and without the contact's own id.
 * Empty when the contact was not migrated.
 */
export function legacyIdsOf(contact: FrontContactLike): string[] {
  const raw: unknown = contact._migration?.legacy_ids;
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  for (const id of raw) {
    if (typeof id === 'string' && id !== '' && id !== contact.id) seen.add(id);
  }
  return [...seen];
}

/**
 * Calls `updateFn(newId, legacyIds)` when `contact` is the result of the migration, so stored ids can be
 * rewritten (for example `UPDATE t SET front_contact_id = :newId WHERE front_contact_id IN (:legacyIds)`).
 * Resolves to `true` when `updateFn` ran, `false` when there was nothing to remap.
 */
export async function remapLegacyIds(
  contact: FrontContactLike,
  updateFn: (newId: string, legacyIds: string[]) => unknown,
): Promise<boolean> {
  if (typeof contact?.id !== 'string' || contact.id === '') {
    throw new TypeError('front-contacts runtime: remapLegacyIds needs a contact with a string id');
  }
  const legacyIds = legacyIdsOf(contact);
  if (legacyIds.length === 0) return false;
  await updateFn(contact.id, legacyIds);
  return true;
}
