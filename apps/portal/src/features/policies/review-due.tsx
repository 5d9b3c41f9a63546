import { Group, Text } from '@mantine/core';
import { StatusBadge } from '../../components/status-badge';
import { formatDate, todayIso } from '../../lib/format';
import { reviewTone } from './policy.format';

/** A policy's next review date, flagged when overdue or due within 30 days. */
export function ReviewDue({ reviewDueOn }: { reviewDueOn: string | null }) {
  const tone = reviewTone(reviewDueOn, todayIso());
  if (tone === 'none') return <Text size="sm">Not scheduled until published</Text>;
  return (
    <Group gap={6} wrap="nowrap" data-testid="policy-review-due">
      <Text size="sm" c={tone === 'overdue' ? 'red.8' : undefined} fw={tone === 'overdue' ? 600 : undefined}>
        {formatDate(reviewDueOn)}
      </Text>
      {tone === 'overdue' && (
        <StatusBadge colour="red" size="sm">
          Overdue
        </StatusBadge>
      )}
      {tone === 'soon' && (
        <StatusBadge colour="orange" size="sm">
          Due soon
        </StatusBadge>
      )}
    </Group>
  );
}
