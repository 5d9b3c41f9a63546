import { useQuery } from '@apollo/client/react';
import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { SharedUnitOptionsDocument } from '../gql/graphql';

export interface UnitOption {
  value: string;
  /** The unit's path, e.g. "Corporate Functions / IT Operations", so two units of the same name differ. */
  label: string;
  active: boolean;
}

/** Every unit with its path from the top of the hierarchy, sorted by path. */
export function useUnitOptions(): { options: UnitOption[]; loading: boolean; error: unknown } {
  const { data, loading, error } = useQuery(SharedUnitOptionsDocument);
  const options = useMemo(() => {
    const units = data?.orgUnits ?? [];
    const byId = new Map(units.map((u) => [u.id, u]));
    const path = (id: string) => {
      const names: string[] = [];
      const seen = new Set<string>();
      let current = byId.get(id);
      while (current && !seen.has(current.id)) {
        seen.add(current.id);
        names.unshift(current.name);
        current = current.parentId ? byId.get(current.parentId) : undefined;
      }
      return names.join(' / ');
    };
    return units.map((u) => ({ value: u.id, label: path(u.id), active: u.active })).sort((a, b) => a.label.localeCompare(b.label));
  }, [data]);
  return { options, loading, error };
}

interface UnitSelectProps extends Omit<SelectProps, 'data'> {
  /** Offer deactivated units too (e.g. as a filter); by default only active units can be chosen. */
  includeInactive?: boolean;
  /** Units that may not be chosen, with the reason shown next to them. */
  disabledUnits?: ReadonlyMap<string, string>;
}

/** Picks one organisation unit by its name and path. */
export function UnitSelect({ includeInactive = false, disabledUnits, ...props }: UnitSelectProps) {
  const { options, error } = useUnitOptions();
  const data = options
    .filter((o) => includeInactive || o.active || o.value === props.value)
    .map((o) => {
      const reason = disabledUnits?.get(o.value);
      return { value: o.value, label: `${o.label}${o.active ? '' : ' (deactivated)'}${reason ? ` — ${reason}` : ''}`, disabled: Boolean(reason) };
    });
  return <Select searchable clearable clearButtonProps={{ 'aria-label': 'Clear the chosen unit' }} placeholder="Choose a unit" nothingFoundMessage={error ? 'Units could not be loaded; try again.' : 'No unit of that name'} {...props} data={data} />;
}

/** Picks several active organisation units by name and path. */
export function UnitMultiSelect(props: Omit<MultiSelectProps, 'data'>) {
  const { options, error } = useUnitOptions();
  const chosen = new Set(props.value ?? []);
  const data = options.filter((o) => o.active || chosen.has(o.value)).map((o) => ({ value: o.value, label: `${o.label}${o.active ? '' : ' (deactivated)'}` }));
  return <MultiSelect searchable clearButtonProps={{ 'aria-label': 'Clear the chosen units' }} placeholder="Choose units" nothingFoundMessage={error ? 'Units could not be loaded; try again.' : 'No unit of that name'} {...props} data={data} />;
}
