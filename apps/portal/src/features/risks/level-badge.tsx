import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { levelColour, levelLabel, type LevelDefinition } from './risk-level.rules';

/**
 * A risk level in words on its colour (light shade, dark text: readable on white and for colour-blind readers,
 * since the word carries the meaning).
 */
export function LevelBadge({ levels, level, testId }: { levels: readonly LevelDefinition[]; level: string | null | undefined; testId?: string }) {
  if (!level) return <span data-testid={testId}>—</span>;
  return (
    <Badge
      color={`${levelColour(levels, level)}.2`}
      autoContrast
      variant="filled"
      radius="sm"
      data-testid={testId}
      data-level={level}
      style={{ textTransform: 'none', flexShrink: 0, maxWidth: 'none' }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {levelLabel(levels, level)}
    </Badge>
  );
}

/** A short, wrapping label on a light colour (what a risk needs from its owner, an import's status). */
export function NoteBadge({ colour, children, testId }: { colour: string; children: ReactNode; testId?: string }) {
  return (
    <Badge
      color={`${colour}.2`}
      autoContrast
      variant="filled"
      radius="sm"
      h="auto"
      py={2}
      data-testid={testId}
      style={{ textTransform: 'none', maxWidth: 'none' }}
      styles={{ label: { overflow: 'visible', whiteSpace: 'normal' } }}
    >
      {children}
    </Badge>
  );
}
