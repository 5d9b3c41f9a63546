import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export interface TableState<TSort extends string> {
  page: number;
  pageSize: number;
  sort: TSort;
  direction: 'asc' | 'desc';
  /** Filter values by name, as they are in the URL ("" when unset). */
  filters: Record<string, string>;
}

export interface TableStateControls<TSort extends string> extends TableState<TSort> {
  setPage: (page: number) => void;
  setPageSize: (pageSize: number) => void;
  setSort: (sort: TSort, direction: 'asc' | 'desc') => void;
  /** Sets one filter (empty removes it) and goes back to the first page. */
  setFilter: (name: string, value: string) => void;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

/**
 * Paging, sorting and filtering of a server-side table, kept in the URL's query string: a filtered page can be
 * bookmarked and shared, and the back button returns to the previous page of results.
 */
export function useTableState<TSort extends string>(defaults: { sort: TSort; direction: 'asc' | 'desc'; pageSize?: number; filters: readonly string[] }): TableStateControls<TSort> {
  const [params, setParams] = useSearchParams();
  const defaultPageSize = defaults.pageSize ?? 50;

  const state = useMemo<TableState<TSort>>(() => {
    const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
    const sizeParam = Number.parseInt(params.get('size') ?? '', 10);
    const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : defaultPageSize;
    const sort = (params.get('sort') as TSort | null) ?? defaults.sort;
    const directionParam = params.get('dir');
    const direction = directionParam === 'asc' || directionParam === 'desc' ? directionParam : defaults.direction;
    const filters = Object.fromEntries(defaults.filters.map((name) => [name, params.get(name) ?? '']));
    return { page, pageSize, sort, direction, filters };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params, defaultPageSize, defaults.sort, defaults.direction, defaults.filters.join(',')]);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      // From the address as it is now, not as it was at the last render: two quick changes (a debounced search and a
      // filter pick) must both stay.
      setParams(() => {
        const next = new URLSearchParams(window.location.search);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      });
    },
    [setParams],
  );

  return {
    ...state,
    setPage: (page) => update({ page: page <= 1 ? null : String(page) }),
    setPageSize: (pageSize) => update({ size: pageSize === defaultPageSize ? null : String(pageSize), page: null }),
    setSort: (sort, direction) => update({ sort, dir: direction, page: null }),
    setFilter: (name, value) => update({ [name]: value, page: null }),
  };
}
