import { Pool } from 'pg';
import type { FrontContact } from '../front/FrontClient';

export interface ContactLink {
  customerId: string;
  /** Front's contact id (`crd_…`), stored when we first matched the customer. */
  frontContactId: string;
}

/**
 * Our side of the mapping between CRM customers and Front contacts.
 * The ids stored here are the ones that change when Front migrates team contacts
 * to company-wide contacts.
 */
export class ContactStore {
  constructor(private readonly pool: Pool) {}

  async allLinks(): Promise<ContactLink[]> {
    const { rows } = await this.pool.query('SELECT customer_id, front_contact_id FROM customer_front_links');
    return rows.map((r) => ({ customerId: r.customer_id, frontContactId: r.front_contact_id }));
  }

  async link(customerId: string, frontContactId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO customer_front_links (customer_id, front_contact_id) VALUES ($1, $2)
       ON CONFLICT (customer_id) DO UPDATE SET front_contact_id = EXCLUDED.front_contact_id`,
      [customerId, frontContactId],
    );
  }

  async findCustomerByEmail(email: string): Promise<string | undefined> {
    const { rows } = await this.pool.query('SELECT id FROM customers WHERE lower(email) = lower($1)', [email]);
    return rows[0]?.id;
  }

  async saveSnapshot(customerId: string, contact: FrontContact): Promise<void> {
    await this.pool.query('UPDATE customers SET front_snapshot = $2, front_synced_at = now() WHERE id = $1', [
      customerId,
      JSON.stringify(contact),
    ]);
  }
}
