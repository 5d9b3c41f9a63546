import { Client } from 'pg';

async function holdingLock<T>(connectionString: string, key: string, wait: boolean, work: () => Promise<T>): Promise<{ result: T } | null> {
  const session = new Client({ connectionString });
  await session.connect();
  try {
    const sql = wait ? 'SELECT pg_advisory_lock(hashtext($1)), true AS locked' : 'SELECT pg_try_advisory_lock(hashtext($1)) AS locked';
    const { rows } = await session.query<{ locked: boolean }>(sql, [key]);
    if (!rows[0]?.locked) return null;
    return { result: await work() };
  } finally {
    await session.end().catch(() => undefined); // ending the session releases the lock
  }
}

/**
 * Runs `work` while holding a PostgreSQL session-level advisory lock on `key`, on a connection of its own: across
 * processes and replicas one holder at a time, and the lock goes with the session if the process dies. Waits for
 * the lock.
 */
export async function withAdvisoryLock<T>(connectionString: string, key: string, work: () => Promise<T>): Promise<T> {
  return (await holdingLock(connectionString, key, true, work))!.result; // eslint-disable-line @typescript-eslint/no-non-null-assertion
}

/** Like `withAdvisoryLock`, but gives up at once (returns false) when another session holds the lock. */
export async function tryWithAdvisoryLock(connectionString: string, key: string, work: () => Promise<void>): Promise<boolean> {
  return (await holdingLock(connectionString, key, false, work)) !== null;
}
