import { Badge, type BadgeProps } from '@mantine/core';

/**
 * Mantine's light badges (yellow and orange even at shade 9, green at its default) draw text below 4.5:1 on their
 * own background; these text colours keep them above WCAG AA.
 */
const DARK_TEXT: Record<string, string> = { yellow: '#7a5200', orange: '#a33a00', green: '#1e6b32', blue: '#1a4f8a', red: '#a61e1e', gray: '#3d434a' };

/** A status is read in full: the badge widens its table column rather than cutting its label short. */
const NO_TRUNCATION = { root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } } as const;

/** A status badge (light variant) that meets WCAG AA contrast in every colour this area uses. */
export function ToneBadge({ color = 'gray', ...props }: BadgeProps & { color?: string; 'data-testid'?: string; title?: string }) {
  return <Badge variant="light" color={color} c={DARK_TEXT[color]} styles={NO_TRUNCATION} {...props} />;
}
