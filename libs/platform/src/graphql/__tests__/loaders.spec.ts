import { FindOperator, Repository } from 'typeorm';
import { RequestContext } from '../context';
import { findByIds, isUuid, oneToManyLoader, oneToOneLoader } from '../loaders';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

function context(): RequestContext {
  return { claims: { sub: 'u', organisationId: 'org', roles: [] } as never, access: { personId: null, roles: [], organisationWide: false, unitIds: [] }, requestId: 'r', client: { address: null, userAgent: null }, loaders: new Map() };
}

describe('oneToOneLoader', () => {
  it('batches the loads of one tick into one fetch and answers in the order asked, null for a missing id', async () => {
    const fetch = jest.fn(async (ids: readonly string[]) => ids.filter((id) => id !== B).reverse().map((id) => ({ id, name: `n${id.slice(-1)}` })));
    const ctx = context();
    const load = oneToOneLoader(ctx, 'things', fetch);
    const results = await Promise.all([load.load(A), load.load(B), load.load(C)]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith([A, B, C]);
    expect(results).toEqual([{ id: A, name: 'na' }, null, { id: C, name: 'nc' }]);
  });

  it('is one loader per request and name, so a second call reuses the cache and another request does not', async () => {
    const fetch = jest.fn(async (ids: readonly string[]) => ids.map((id) => ({ id })));
    const ctx = context();
    await oneToOneLoader(ctx, 'things', fetch).load(A);
    await oneToOneLoader(ctx, 'things', fetch).load(A);
    expect(fetch).toHaveBeenCalledTimes(1);
    await oneToOneLoader(context(), 'things', fetch).load(A);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('matches rows by a key of choice or takes a map from key to row', async () => {
    const byControl = oneToOneLoader(context(), 'status', async (ids: readonly string[]) => ids.slice(1).map((controlId) => ({ controlId })), (row) => row.controlId);
    expect(await byControl.loadMany(['5.1', '5.2'])).toEqual([null, { controlId: '5.2' }]);
    const fromMap = oneToOneLoader(context(), 'numbers', async (keys: readonly number[]) => new Map(keys.filter((k) => k > 1).map((k) => [k, `v${k}`])));
    expect(await fromMap.loadMany([1, 2])).toEqual([null, 'v2']);
  });
});

describe('oneToManyLoader', () => {
  it('groups rows by key in the order fetched, an empty list for a key without rows, in one fetch', async () => {
    const rows = [
      { riskId: B, n: 1 },
      { riskId: A, n: 2 },
      { riskId: B, n: 3 },
    ];
    const fetch = jest.fn(async () => rows);
    const load = oneToManyLoader(context(), 'actions', fetch, (row) => row.riskId);
    const [a, b, c] = await Promise.all([load.load(A), load.load(B), load.load(C)]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(a).toEqual([{ riskId: A, n: 2 }]);
    expect(b).toEqual([
      { riskId: B, n: 1 },
      { riskId: B, n: 3 },
    ]);
    expect(c).toEqual([]);
  });

  it('takes a map from key to rows', async () => {
    const load = oneToManyLoader(context(), 'ids', async (keys: readonly string[]) => new Map([[keys[0], ['x', 'y']]]));
    expect(await load.loadMany([A, B])).toEqual([['x', 'y'], []]);
  });
});

describe('findByIds', () => {
  function repository(rows: { id: string; organisationId: string }[]) {
    const findBy = jest.fn(async (where: { organisationId: string; id: FindOperator<string[]> }) =>
      rows.filter((row) => row.organisationId === where.organisationId && (where.id.value as string[]).includes(row.id)),
    );
    return { repo: { findBy } as unknown as Repository<{ id: string; organisationId: string }>, findBy };
  }

  it('asks only for ids that are UUIDs, once each, within the given organisation', async () => {
    const { repo, findBy } = repository([
      { id: A, organisationId: 'org' },
      { id: B, organisationId: 'other' },
    ]);
    const found = await findByIds(repo, { organisationId: 'org' }, [A, 'not-a-uuid', B, A, "1'; DROP TABLE risk; --"]);
    expect(found).toEqual([{ id: A, organisationId: 'org' }]);
    expect(findBy).toHaveBeenCalledTimes(1);
    expect((findBy.mock.calls[0][0].id as FindOperator<string[]>).value).toEqual([A, B]);
  });

  it('does not query at all when no id is a UUID', async () => {
    const { repo, findBy } = repository([]);
    expect(await findByIds(repo, { organisationId: 'org' }, ['x', ''])).toEqual([]);
    expect(findBy).not.toHaveBeenCalled();
  });

  it('accepts UUIDs of any version and case, nothing else', () => {
    expect(isUuid(A.toUpperCase())).toBe(true);
    expect(isUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(true);
    expect(isUuid(`${A}0`)).toBe(false);
    expect(isUuid('')).toBe(false);
  });
});
