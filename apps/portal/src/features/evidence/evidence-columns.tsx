import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { DataTableColumn } from '../../components/data-table';
import { StatusBadge } from '../../components/status-badge';
import type { EvidenceRowFragment } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { EVIDENCE_SOURCE_LABEL, EVIDENCE_STATUS_COLOUR, EVIDENCE_STATUS_LABEL, freshnessOf, FRESHNESS_COLOUR, FRESHNESS_LABEL, validityPhrase } from './evidence.format';

/** The status of an item's current version as a badge. */
export function EvidenceStatusBadge({ status }: { status: EvidenceRowFragment['status'] }) {
  return (
    <StatusBadge colour={EVIDENCE_STATUS_COLOUR[status]} data-testid="evidence-status">
      {EVIDENCE_STATUS_LABEL[status]}
    </StatusBadge>
  );
}

/** Valid until, and whether the evidence is still fresh today, expiring soon or expired. */
export function EvidenceFreshness({ item, today }: { item: Pick<EvidenceRowFragment, 'status' | 'validUntil'>; today: string }) {
  const freshness = freshnessOf(item, today);
  return (
    <Group gap={6} wrap="nowrap" data-testid="evidence-freshness" data-freshness={freshness}>
      <StatusBadge colour={FRESHNESS_COLOUR[freshness]}>{FRESHNESS_LABEL[freshness]}</StatusBadge>
      <Text size="xs" c="dimmed">
        {item.validUntil ? `${formatDate(item.validUntil)} (${validityPhrase(item.validUntil, today)})` : 'no end date'}
      </Text>
    </Group>
  );
}

/** The columns every evidence list shares: title (to the detail), department, controls, source, status, freshness. */
export function evidenceColumns(today: string): DataTableColumn<EvidenceRowFragment>[] {
  return [
    {
      id: 'title',
      header: 'Evidence',
      cell: (item) => (
        <Anchor component={Link} to={`/evidence/${item.id}`} fw={600} size="sm" data-testid="evidence-link">
          {item.title}
        </Anchor>
      ),
    },
    { id: 'unit', header: 'Department', cell: (item) => item.unit?.name ?? '—' },
    { id: 'controls', header: 'Controls', cell: (item) => [...item.controlIds, ...item.clauses].join(', ') || '—' },
    { id: 'source', header: 'Source', cell: (item) => EVIDENCE_SOURCE_LABEL[item.source] },
    { id: 'status', header: 'Status', cell: (item) => <EvidenceStatusBadge status={item.status} /> },
    { id: 'validity', header: 'Freshness', cell: (item) => <EvidenceFreshness item={item} today={today} /> },
    { id: 'version', header: 'Version', align: 'right', cell: (item) => item.versionNumber },
    { id: 'collected', header: 'Collected', cell: (item) => formatDateTime(item.collectedAt) },
  ];
}
