import { useQuery } from '@apollo/client/react';
import { MultiSelect, type MultiSelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { RiskControlOptionsDocument } from '../../gql/graphql';

/** "A.5.15 Access control": an Annex A control as people name it. */
export function controlName(control: { id: string; title: string }): string {
  return `${control.id} ${control.title}`;
}

/** Picks Annex A controls by number and title, from the 93 controls of ISO/IEC 27001:2022. */
export function ControlMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const { data, error } = useQuery(RiskControlOptionsDocument);
  const options = useMemo(() => (data?.controls ?? []).map((control) => ({ value: control.id, label: controlName(control) })), [data]);
  return (
    <MultiSelect
      searchable
      placeholder="Type a number or a title, e.g. A.5.15 or access"
      nothingFoundMessage={error ? 'The controls could not be loaded; try again.' : 'No control matches'}
      maxDropdownHeight={280}
      {...props}
      data={options}
    />
  );
}
