import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface StatusBadgeProps extends Omit<BadgeProps, 'color' | 'variant' | 'children'> {
  /** A Mantine colour name ("green", "red", …): the badge is its pale shade with dark text. */
  colour: string;
  children: ReactNode;
  'data-testid'?: string;
}

/**
 * A status as a badge that keeps WCAG AA contrast whatever its colour: a pale fill (shade 2) with text Mantine picks
 * to contrast with it, in sentence case.
 */
export function StatusBadge({ colour, children, ...props }: StatusBadgeProps) {
  return (
    <Badge color={`${colour}.2`} autoContrast variant="filled" radius="sm" style={{ textTransform: 'none' }} {...props}>
      {children}
    </Badge>
  );
}
