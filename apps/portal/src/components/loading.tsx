import { Center, Loader, Text } from '@mantine/core';

/** Shown while a screen's data loads; announced to screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" aria-hidden />
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Center>
  );
}
