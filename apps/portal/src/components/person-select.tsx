import { useQuery } from '@apollo/client/react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { SharedPersonOptionsDocument } from '../gql/graphql';

/** A person as a picker shows them: by name, never by id. */
export interface PersonOption {
  id: string;
  name: string;
}

interface PersonSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'filter' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  onChange: (personId: string | null, person: PersonOption | null) => void;
  /** The person already chosen (so their name shows before any search). */
  selected?: PersonOption | null;
}

const PAGE = 20;

/**
 * Picks an active person of the organisation by name: the search runs on the server (people(search)), so it works
 * for 20,000 people as for 7. Shows the first matches and says when there are more to narrow down.
 */
export function PersonSelect({ value, onChange, selected, ...props }: PersonSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const { data, loading, error } = useQuery(SharedPersonOptionsDocument, { variables: { search: debounced || null, first: PAGE } });
  const [chosen, setChosen] = useState<PersonOption | null>(selected ?? null);

  const options = useMemo(() => {
    const found = (data?.people.nodes ?? []).map((p) => ({ value: p.id, label: p.name, description: p.unit?.name ?? p.email }));
    const known = chosen ?? selected;
    if (known && value === known.id && !found.some((o) => o.value === known.id)) found.unshift({ value: known.id, label: known.name, description: '' });
    return found;
  }, [data, chosen, selected, value]);
  const more = (data?.people.totalCount ?? 0) - (data?.people.nodes.length ?? 0);

  return (
    <Select
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the chosen person' }}
      placeholder="Type a name"
      {...props}
      data={options.map(({ value: v, label }) => ({ value: v, label }))}
      value={value}
      onChange={(id) => {
        const option = options.find((o) => o.value === id);
        const person = option ? { id: option.value, name: option.label } : null;
        setChosen(person);
        onChange(id, person);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={error ? 'People could not be loaded; try again.' : loading ? 'Searching…' : 'Nobody of that name'}
      renderOption={({ option }) => {
        const description = options.find((o) => o.value === option.value)?.description;
        return (
          <div>
            <div>{option.label}</div>
            {description && <div style={{ fontSize: 'var(--mantine-font-size-xs)', color: 'var(--mantine-color-dimmed)' }}>{description}</div>}
          </div>
        );
      }}
      description={props.description ?? (more > 0 ? `${more.toLocaleString('en-GB')} more match: type more of the name` : undefined)}
    />
  );
}
