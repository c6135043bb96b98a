import { useEffect, useState } from 'react';

interface Row {
  id: string;
  name: string | null;
}

/** Back-office table of a team's contacts. Talks to OUR server (src/server.ts), never to Front. */
export function TeamContactsPanel({ teamId }: { teamId: string }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch(`/teams/${encodeURIComponent(teamId)}/contacts`, { credentials: 'include' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((data: Row[]) => !cancelled && setRows(data))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [teamId]);

  if (error) return <p className="error">Could not load contacts: {error}</p>;
  return (
    <table className="contacts">
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.name ?? '(no name)'}</td>
            <td>
              <code>{row.id}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
