/**
 * Tells an unavailable database (down, restarting, refusing connections, out of connection slots) from an error
 * of the work itself. Work that failed because the database was unavailable is retried once it is back, never
 * parked or reported as a bug.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
]);

const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

const UNAVAILABLE_MESSAGES = [
  'connection terminated',
  'terminating connection',
  'timeout exceeded when trying to connect',
  'connection timeout',
  'client has encountered a connection error',
  'is not currently accepting connections',
  'the database system is starting up',
  'the database system is shutting down',
  'cannot use a pool after calling end',
  'driver not connected',
];

/** Conflicts between concurrent transactions: the same work succeeds when tried again. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

function chain(error: unknown): { code?: unknown; message?: unknown }[] {
  const seen: { code?: unknown; message?: unknown }[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    seen.push(current as { code?: unknown; message?: unknown });
    const next = (current as { driverError?: unknown; cause?: unknown; originalError?: unknown }).driverError ?? (current as { cause?: unknown }).cause ?? (current as { originalError?: unknown }).originalError;
    if (next === current) break;
    current = next;
  }
  return seen;
}

/** The error says the database could not be reached or dropped the connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some(({ code, message }) => {
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    const text = typeof message === 'string' ? message.toLowerCase() : '';
    return UNAVAILABLE_MESSAGES.some((fragment) => text.includes(fragment));
  });
}

/** The database is unavailable, or the transaction lost a serialization or deadlock conflict: try again later. */
export function isTransientDatabaseError(error: unknown): boolean {
  return isDatabaseUnavailable(error) || chain(error).some(({ code }) => typeof code === 'string' && RETRYABLE_SQLSTATES.has(code));
}
