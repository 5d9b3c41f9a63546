import { useQuery } from '@apollo/client/react';
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { AuditEvidenceOptionsDocument } from '../../gql/graphql';

interface EvidencePickerProps extends Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'> {
  value: string[];
  onChange: (ids: string[]) => void;
}

/**
 * Picks evidence items the caller may see by title: the search runs on the server (evidenceItems(search)), the
 * first 20 matches are offered, and chosen items stay shown by name.
 */
export function EvidencePicker({ value, onChange, ...props }: EvidencePickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const { data, loading } = useQuery(AuditEvidenceOptionsDocument, { variables: { search: debounced || null } });
  const [known, setKnown] = useState<Record<string, string>>({});
  const options = useMemo(() => {
    const found = (data?.evidenceItems.nodes ?? []).map((item) => ({ value: item.id, label: `${item.title} (${item.unit?.name ?? 'no unit'}, ${item.status.toLowerCase()})` }));
    for (const id of value) if (!found.some((o) => o.value === id) && known[id]) found.unshift({ value: id, label: known[id]! });
    return found;
  }, [data, value, known]);
  return (
    <MultiSelect
      {...props}
      data={options}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      nothingFoundMessage={loading ? 'Searching the evidence…' : 'No evidence item matches'}
      onChange={(ids) => {
        const labels = { ...known };
        for (const option of options) labels[option.value] = option.label;
        setKnown(labels);
        onChange(ids);
      }}
    />
  );
}
