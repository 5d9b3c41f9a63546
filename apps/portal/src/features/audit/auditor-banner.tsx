import { useQuery } from '@apollo/client/react';
import { Alert, Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { AuditMyGrantDocument } from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';

/** Title and message in the page's text colour, on the page's background, inside a dark blue border. */
const TEXT_COLOURS = { title: { color: 'var(--mantine-color-text)' }, message: { color: 'var(--mantine-color-text)' } };

/**
 * What an external auditor sees above every page: that their access is read-only, for which engagement, units and
 * observation period, and until when. The API enforces all of it; the banner says it.
 */
export function AuditorBanner() {
  const { data, error } = useQuery(AuditMyGrantDocument, { fetchPolicy: 'cache-and-network' });
  const grant = data?.myAuditGrant;
  if (error) {
    return (
      <Alert color="red.9" variant="light" title="Your audit access is not available" data-testid="auditor-banner" mb="md">
        {describeError(error).summary}
      </Alert>
    );
  }
  if (!grant) return null;
  return (
    <Alert color="blue.9" variant="outline" title="Read-only audit access" data-testid="auditor-banner" mb="md" styles={TEXT_COLOURS}>
      <Text size="sm">
        You see{' '}
        {grant.engagement ? (
          <Anchor component={Link} to={`/audit/engagements/${grant.engagement.id}`} size="sm" fw={600} c="blue.9" underline="always">
            {grant.engagement.title}
          </Anchor>
        ) : (
          'one engagement'
        )}{' '}
        for {grant.firm}: the records of {grant.unitNames.join(', ')} (with their sub-units) from {formatDate(grant.periodStart)} to {formatDate(grant.periodEnd)}, until{' '}
        {formatDateTime(grant.expiresAt)}. You may raise findings and comments on this engagement; nothing else can be changed, and what you open is logged.
      </Text>
    </Alert>
  );
}
