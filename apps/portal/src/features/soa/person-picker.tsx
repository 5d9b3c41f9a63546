import { useQuery } from '@apollo/client/react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import type { PersonOption } from '../../components/person-select';
import { SoaPeopleSearchDocument } from '../../gql/graphql';

export type { PersonOption };

/** People matching what was typed, searched on the server (the register may hold tens of thousands of people). */
function usePeopleSearch(selected: readonly PersonOption[]) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const { data, loading, error } = useQuery(SoaPeopleSearchDocument, { variables: { search: debounced || null, first: 20 } });
  const options = useMemo(() => {
    const byId = new Map<string, { value: string; label: string }>();
    for (const person of selected) byId.set(person.id, { value: person.id, label: person.name });
    for (const person of data?.people.nodes ?? []) {
      const detail = [person.jobRole, person.unit?.name].filter(Boolean).join(', ');
      if (!byId.has(person.id)) byId.set(person.id, { value: person.id, label: detail ? `${person.name} (${detail})` : person.name });
    }
    return [...byId.values()];
  }, [data, selected]);
  const nameOf = (id: string) =>
    selected.find((person) => person.id === id)?.name ?? data?.people.nodes.find((person) => person.id === id)?.name ?? id;
  const more = data && data.people.totalCount > data.people.nodes.length ? `Showing ${data.people.nodes.length} of ${data.people.totalCount}: type to narrow` : undefined;
  return { search, setSearch, options, nameOf, loading, error, more };
}

interface MultiProps {
  label: string;
  description?: string;
  value: PersonOption[];
  onChange: (people: PersonOption[]) => void;
  error?: React.ReactNode;
  testId?: string;
}

/** Several people, the first one the lead (e.g. the owners of a control). */
export function PeoplePicker({ label, description, value, onChange, error, testId }: MultiProps) {
  const people = usePeopleSearch(value);
  return (
    <MultiSelect
      label={label}
      description={description ?? people.more}
      placeholder={value.length === 0 ? 'Type a name' : undefined}
      searchable
      searchValue={people.search}
      onSearchChange={people.setSearch}
      filter={({ options }) => options}
      data={people.options}
      value={value.map((person) => person.id)}
      onChange={(ids) => onChange(ids.map((id) => ({ id, name: people.nameOf(id) })))}
      nothingFoundMessage={people.loading ? 'Searching…' : people.error ? 'The people register could not be searched' : 'Nobody matches'}
      error={error}
      clearable
      data-testid={testId}
    />
  );
}
