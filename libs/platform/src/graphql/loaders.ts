import DataLoader from 'dataloader';
import { FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';
import { loader, RequestContext } from './context';

/** What PostgreSQL accepts as a `uuid`: anything else would fail the whole query instead of matching nothing. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The rows with these ids within `where` (usually `{ organisationId }`). Ids that are not UUIDs (a reference
 * forged or mistyped by a caller) match nothing rather than failing the query for the ids that are valid.
 */
export async function findByIds<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  where: FindOptionsWhere<T>,
  ids: readonly string[],
): Promise<T[]> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (valid.length === 0) return [];
  return repository.findBy({ ...where, id: In(valid) } as FindOptionsWhere<T>);
}

function groupOne<K, V>(rows: readonly V[], keyOf: (row: V) => K): Map<K, V> {
  return new Map(rows.map((row) => [keyOf(row), row]));
}

function groupMany<K, V>(rows: readonly V[], keyOf: (row: V) => K): Map<K, V[]> {
  const grouped = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = grouped.get(key);
    if (list) list.push(row);
    else grouped.set(key, [row]);
  }
  return grouped;
}

const byId = (row: unknown): string => (row as { id: string }).id;

/**
 * One record per key, batched into one fetch per request and tick and cached for the request only (under `name`):
 * a key with no record loads as null. `fetch` returns the rows in any order, either as a list (matched by
 * `keyOf`, the row's `id` by default) or as a map from key to row.
 */
export function oneToOneLoader<V extends { id: string }>(context: RequestContext, name: string, fetch: (keys: readonly string[]) => Promise<readonly V[]>): DataLoader<string, V | null>;
export function oneToOneLoader<V, K = string>(context: RequestContext, name: string, fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V | null>;
export function oneToOneLoader<V, K = string>(context: RequestContext, name: string, fetch: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>): DataLoader<K, V | null>;
export function oneToOneLoader<V, K>(
  context: RequestContext,
  name: string,
  fetch: (keys: readonly K[]) => Promise<readonly V[] | ReadonlyMap<K, V>>,
  keyOf: (row: V) => K = byId as (row: V) => K,
): DataLoader<K, V | null> {
  return loader(
    context,
    name,
    () =>
      new DataLoader<K, V | null>(async (keys) => {
        const rows = await fetch(keys);
        const found = rows instanceof Map ? (rows as ReadonlyMap<K, V>) : groupOne(rows as readonly V[], keyOf);
        return keys.map((key) => found.get(key) ?? null);
      }),
  );
}

/**
 * The records of each key (a risk's actions, a control's implementations), batched and cached per request like
 * `oneToOneLoader`: a key with none loads as an empty list, and rows keep the order `fetch` returned them in.
 */
export function oneToManyLoader<V, K = string>(context: RequestContext, name: string, fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V[]>;
export function oneToManyLoader<V, K = string>(context: RequestContext, name: string, fetch: (keys: readonly K[]) => Promise<ReadonlyMap<K, readonly V[]>>): DataLoader<K, V[]>;
export function oneToManyLoader<V, K>(
  context: RequestContext,
  name: string,
  fetch: (keys: readonly K[]) => Promise<readonly V[] | ReadonlyMap<K, readonly V[]>>,
  keyOf?: (row: V) => K,
): DataLoader<K, V[]> {
  return loader(
    context,
    name,
    () =>
      new DataLoader<K, V[]>(async (keys) => {
        const rows = await fetch(keys);
        let found: ReadonlyMap<K, readonly V[]>;
        if (rows instanceof Map) found = rows as ReadonlyMap<K, readonly V[]>;
        else if (keyOf) found = groupMany(rows as readonly V[], keyOf);
        else throw new Error(`loader ${name}: a list of rows needs keyOf to be grouped`);
        return keys.map((key) => [...(found.get(key) ?? [])]);
      }),
  );
}
