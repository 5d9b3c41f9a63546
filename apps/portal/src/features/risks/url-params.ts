import { useCallback } from 'react';
import { useNavigate } from 'react-router';

/**
 * Sets several URL parameters at once (and goes back to the first page), e.g. a treatment and `untreated`. It starts
 * from the address as it is when called, not as it was when the screen last rendered: a search typed a moment ago
 * (debounced) and a filter clicked now must not undo each other.
 */
export function useSetParams(): (changes: Record<string, string | null>) => void {
  const navigate = useNavigate();
  return useCallback(
    (changes) => {
      const next = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      next.delete('page');
      const query = next.toString();
      void navigate({ search: query ? `?${query}` : '' });
    },
    [navigate],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from the address can name a record: a mistyped or tampered link is treated as naming none. */
export function isRecordId(value: string | null | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}
