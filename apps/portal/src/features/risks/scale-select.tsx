import { Select, type SelectProps } from '@mantine/core';
import type { ScaleLevel } from './risk-level.rules';

/** Picks a value of a likelihood or impact scale of the methodology, shown as "4 Likely — Expected about once a year". */
export function ScaleSelect({ scale, ...props }: Omit<SelectProps, 'data'> & { scale: readonly (ScaleLevel & { description?: string })[] }) {
  return (
    <Select
      placeholder="Choose"
      allowDeselect={false}
      {...props}
      data={scale.map((level) => ({ value: String(level.value), label: `${level.value} ${level.label}${level.description ? ` — ${level.description}` : ''}` }))}
    />
  );
}
