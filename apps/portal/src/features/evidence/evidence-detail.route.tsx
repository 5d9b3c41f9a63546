import { useMutation, useQuery } from '@apollo/client/react';
import { EVIDENCE_MANAGERS, PROGRAMME_MANAGERS, Role } from '@iso27001/authz/roles';
import { Alert, Anchor, Button, Code, Group, MultiSelect, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { EvidenceDetailDocument, EvidenceFileInfoDocument, EvidenceFilterOptionsDocument, EvidenceMapDocument, EvidenceUnmapDocument, type EvidenceDecision, type EvidenceDetailFieldsFragment } from '../../gql/graphql';
import { downloadEvidenceFile } from '../../lib/evidence-files';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { EvidenceFreshness, EvidenceStatusBadge } from './evidence-columns';
import { EvidenceReviewModal } from './evidence-review.modal';
import { EvidenceVersionModal } from './evidence-version.modal';
import { evidenceRefusal } from './evidence.errors';
import { EVIDENCE_SOURCE_LABEL, formatBytes, HISTORY_ACTION_LABEL, noteOf, VERSION_KIND_LABEL, VERSION_STATUS_LABEL } from './evidence.format';
import { OPERATING_LABEL, OPERATING_COLOUR } from './operating.format';

type Item = EvidenceDetailFieldsFragment;
type Version = Item['versions'][number];

/** "you" for the signed-in person's subject, else the subject as recorded. */
function who(subject: string | null | undefined, me: string | null): string {
  if (!subject) return '—';
  return subject === me ? 'you' : subject;
}

/** A stored file's name and size, and a button that downloads it through the gateway. */
function FileDownload({ fileId }: { fileId: string }) {
  const { data } = useQuery(EvidenceFileInfoDocument, { variables: { id: fileId } });
  const [busy, setBusy] = useState(false);
  const file = data?.evidenceFile;
  const name = file?.fileName ?? 'evidence file';
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="evidence-version-file">
        {file ? `${file.fileName} (${formatBytes(file.sizeBytes)})` : 'File'}
      </Text>
      <Button
        size="compact-xs"
        variant="default"
        loading={busy}
        aria-label={`Download ${name}`}
        onClick={() => {
          setBusy(true);
          downloadEvidenceFile(fileId, name)
            .catch((caught: unknown) => notifyFailure('The file was not downloaded', evidenceRefusal(caught)))
            .finally(() => setBusy(false));
        }}
      >
        Download
      </Button>
    </Group>
  );
}

function VersionContent({ version }: { version: Version }) {
  if ((version.kind === 'FILE' || version.kind === 'GENERATED') && version.fileId) return <FileDownload fileId={version.fileId} />;
  if (version.kind === 'LINK' && version.url) {
    return (
      <Anchor href={version.url} target="_blank" rel="noopener noreferrer" size="sm" style={{ wordBreak: 'break-all' }}>
        {version.url}
      </Anchor>
    );
  }
  if (version.kind === 'RECORD') {
    const note = noteOf(version.payload);
    if (note !== null) return <Text size="sm">{note}</Text>;
    return (
      <Stack gap={2}>
        <Text size="sm">Assertion {version.assertionPassed ? 'held' : 'failed'}</Text>
        <Code block style={{ maxHeight: 120, overflow: 'auto' }}>
          {version.payload}
        </Code>
      </Stack>
    );
  }
  return <Text size="sm">—</Text>;
}

function Versions({ item, me }: { item: Item; me: string | null }) {
  return (
    <Table verticalSpacing="xs" data-testid="evidence-versions">
      <caption>
        <VisuallyHidden>Versions of {item.title}</VisuallyHidden>
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Content</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Collected</Table.Th>
          <Table.Th>Review</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {item.versions.map((version) => (
          <Table.Tr key={version.number} data-testid="evidence-version" data-version={version.number} data-version-status={version.status}>
            <Table.Td>
              {version.number} · {VERSION_KIND_LABEL[version.kind]}
            </Table.Td>
            <Table.Td>
              <VersionContent version={version} />
              {version.sha256 && (
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  SHA-256 {version.sha256}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{VERSION_STATUS_LABEL[version.status]}</Table.Td>
            <Table.Td>
              <Text size="sm">{formatDateTime(version.collectedAt)}</Text>
              <Text size="xs" c="dimmed">
                by {who(version.collectedBy, me)}
              </Text>
            </Table.Td>
            <Table.Td>
              {version.reviewedAt ? (
                <>
                  <Text size="sm">
                    {version.decision === 'REJECTED' ? 'Rejected' : 'Accepted'} {formatDateTime(version.reviewedAt)} by {who(version.reviewedBy, me)}
                  </Text>
                  {version.reviewReason && (
                    <Text size="sm" c="dimmed" data-testid="evidence-version-reason">
                      “{version.reviewReason}”
                    </Text>
                  )}
                </>
              ) : (
                '—'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Mappings({ item, mayEdit }: { item: Item; mayEdit: boolean }) {
  const options = useQuery(EvidenceFilterOptionsDocument, { skip: !mayEdit });
  const [chosen, setChosen] = useState<string[]>([]);
  const [map, mapping] = useMutation(EvidenceMapDocument);
  const [unmap] = useMutation(EvidenceUnmapDocument);
  const mapped = new Set(item.controlIds);
  return (
    <Stack gap="sm">
      {item.controls.length === 0 && item.clauses.length === 0 && <Text size="sm">Not mapped to any control.</Text>}
      <Table verticalSpacing={4} data-testid="evidence-controls">
        <Table.Tbody>
          {item.controls.map((control) => (
            <Table.Tr key={control.id} data-control-id={control.id}>
              <Table.Td>
                <Anchor component={Link} to={`/evidence?control=${encodeURIComponent(control.id)}`} size="sm">
                  {control.id} {control.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge colour={OPERATING_COLOUR[control.operatingStatus.status]} data-testid="evidence-control-operating">
                  {OPERATING_LABEL[control.operatingStatus.status]}
                </StatusBadge>
              </Table.Td>
              {mayEdit && (
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="default"
                    aria-label={`Unmap ${control.id}`}
                    onClick={() =>
                      void unmap({ variables: { input: { id: item.id, controlIds: [control.id] } } }).then(
                        () => notifySuccess('Mapping removed', `${control.id} no longer counts this evidence.`),
                        (caught: unknown) => notifyFailure('The mapping was not removed', evidenceRefusal(caught)),
                      )
                    }
                  >
                    Unmap
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {item.clauses.map((clause) => (
            <Table.Tr key={clause}>
              <Table.Td>Clause {clause}</Table.Td>
              <Table.Td />
              {mayEdit && <Table.Td />}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {mayEdit && (
        <Group align="flex-end">
          <MultiSelect
            label="Map to more controls"
            searchable
            w={360}
            data={(options.data?.controls ?? []).filter((control) => !mapped.has(control.id)).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }))}
            value={chosen}
            onChange={setChosen}
            clearButtonProps={{ 'aria-label': 'Clear the chosen controls' }}
          />
          <Button
            variant="light"
            disabled={chosen.length === 0}
            loading={mapping.loading}
            onClick={() =>
              void map({ variables: { input: { id: item.id, controlIds: chosen } } }).then(
                () => {
                  notifySuccess('Evidence mapped', `${chosen.join(', ')} now count this evidence once it is accepted.`);
                  setChosen([]);
                },
                (caught: unknown) => notifyFailure('The evidence was not mapped', evidenceRefusal(caught)),
              )
            }
          >
            Map
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function History({ item, me }: { item: Item; me: string | null }) {
  if (!item.history || item.history.length === 0) return <Text size="sm">No history to show.</Text>;
  return (
    <Table verticalSpacing={4} data-testid="evidence-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>What</Table.Th>
          <Table.Th>Who</Table.Th>
          <Table.Th>Detail</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {item.history.map((entry, index) => (
          <Table.Tr key={`${entry.at}-${index}`}>
            <Table.Td>{formatDateTime(entry.at)}</Table.Td>
            <Table.Td>
              {HISTORY_ACTION_LABEL[entry.action]}
              {entry.version ? ` (version ${entry.version})` : ''}
            </Table.Td>
            <Table.Td>{entry.actor === 'evidence-service' ? 'the platform' : who(entry.actor, me)}</Table.Td>
            <Table.Td>{entry.detail}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One evidence item: what it is, its freshness, its versions (with downloads), the controls it supports, its history; review and new versions. */
export function EvidenceDetailRoute() {
  const { evidenceId = '' } = useParams();
  const { activeRole, session } = useSession();
  const me = tokenSubject(session?.accessToken);
  const { data, loading, error, refetch } = useQuery(EvidenceDetailDocument, { variables: { id: evidenceId } });
  const [decision, setDecision] = useState<EvidenceDecision | null>(null);
  const [versioning, setVersioning] = useState(false);
  if (loading && !data) return <Loading label="Loading the evidence…" />;
  if (error && !data) {
    return (
      <Page title="Evidence">
        <ErrorAlert title="Could not load the evidence" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const item = data?.evidenceItem;
  if (!item) {
    return (
      <Page title="Evidence not found">
        <Alert color="gray" variant="light" data-testid="not-found">
          There is no evidence at this address that you may see. It may be outside your departments{activeRole === Role.ExternalAuditor ? ' or your audit grant' : ''}.
        </Alert>
      </Page>
    );
  }
  const today = todayIso();
  const reviewer = roleMay(activeRole, PROGRAMME_MANAGERS);
  const collector = roleMay(activeRole, EVIDENCE_MANAGERS);
  const awaitingReview = item.status === 'COLLECTED';
  return (
    <Page
      title={item.title}
      description={item.description ?? undefined}
      actions={
        <>
          {reviewer && awaitingReview && (
            <>
              <Button onClick={() => setDecision('APPROVED')} data-testid="evidence-accept">
                Accept
              </Button>
              <Button color="red" variant="light" onClick={() => setDecision('REJECTED')} data-testid="evidence-reject">
                Reject
              </Button>
            </>
          )}
          {collector && (
            <Button variant={awaitingReview ? 'default' : 'filled'} onClick={() => setVersioning(true)} data-testid="evidence-new-version">
              Add a new version
            </Button>
          )}
        </>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} data-testid="evidence-summary">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Status
          </Text>
          <Group gap="xs">
            <EvidenceStatusBadge status={item.status} />
            <Text size="sm">version {item.versionNumber}</Text>
          </Group>
          {item.reviewReason && (
            <Text size="sm" data-testid="evidence-review-reason">
              {item.status === 'REJECTED' ? 'Rejected: ' : 'Review note: '}“{item.reviewReason}”
            </Text>
          )}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Freshness
          </Text>
          <EvidenceFreshness item={item} today={today} />
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Department and source
          </Text>
          <Text size="sm">
            {item.unit?.name ?? '—'} · {EVIDENCE_SOURCE_LABEL[item.source]}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Effective, period covered
          </Text>
          <Text size="sm">
            {formatDate(item.effectiveDate)}
            {item.periodStart ? ` · ${formatDate(item.periodStart)} – ${formatDate(item.periodEnd)}` : ''}
          </Text>
        </Stack>
      </SimpleGrid>
      {reviewer && awaitingReview && item.collectedBy === me && (
        <Text size="sm" c="dimmed" data-testid="evidence-own-work">
          You collected this version: segregation of duties means someone else must review it.
        </Text>
      )}
      <Section title="Versions">
        <Versions item={item} me={me} />
      </Section>
      <Section title="Controls and clauses">
        <Mappings item={item} mayEdit={collector} />
      </Section>
      <Section title="History">
        <History item={item} me={me} />
      </Section>
      <EvidenceReviewModal item={item} decision={decision} onClose={() => setDecision(null)} />
      <EvidenceVersionModal item={item} opened={versioning} onClose={() => setVersioning(false)} />
    </Page>
  );
}
