import { useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS, PUBLICATION_APPROVERS } from '@iso27001/authz/roles';
import { Anchor, Badge, Box, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { RiskMethodologyPageDocument, type RiskMethodologyFullFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { LevelBadge } from './level-badge';
import { PendingMethodologyDraft } from './methodology-approval';
import { MethodologyEditor } from './methodology-editor';
import { levelAt, levelColour, levelLabel } from './risk-level.rules';

function ScaleTable({ title, scale, testId }: { title: string; scale: RiskMethodologyFullFragment['likelihoodScale']; testId: string }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <Table striped data-testid={testId}>
        <caption style={{ captionSide: 'top', textAlign: 'left' }}>
          <Text span size="xs" c="dimmed">
            {title}, lowest first
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Value</Table.Th>
            <Table.Th>Label</Table.Th>
            <Table.Th>Meaning</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scale.map((level) => (
            <Table.Tr key={level.value}>
              <Table.Td>{level.value}</Table.Td>
              <Table.Td>{level.label}</Table.Td>
              <Table.Td>{level.description || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function MethodologyView({ methodology }: { methodology: RiskMethodologyFullFragment }) {
  const ls = [...methodology.likelihoodScale].sort((a, b) => b.value - a.value);
  const is = [...methodology.impactScale].sort((a, b) => a.value - b.value);
  const levels = [...methodology.levels].sort((a, b) => a.rank - b.rank);
  return (
    <Stack gap="lg" data-testid="methodology-view">
      <Group gap="lg">
        <Text size="sm" data-testid="methodology-version">
          Version {methodology.version}
        </Text>
        <Text size="sm">{methodology.builtIn ? 'The built-in default: it holds until the organisation publishes its own.' : `Published ${formatDateTime(methodology.publishedAt)}`}</Text>
        <Group gap={6}>
          <Text size="sm">Risk appetite:</Text>
          <LevelBadge levels={methodology.levels} level={methodology.appetite} testId="methodology-appetite" />
        </Group>
      </Group>
      {methodology.notes && <Text size="sm">{methodology.notes}</Text>}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <ScaleTable title="Likelihood scale" scale={methodology.likelihoodScale} testId="methodology-likelihood" />
        <ScaleTable title="Impact scale" scale={methodology.impactScale} testId="methodology-impact" />
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Risk levels
        </Title>
        <Table striped data-testid="methodology-levels">
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text span size="xs" c="dimmed">
              Risk levels, lowest first; levels above the appetite are treated or accepted by the risk owner
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Level</Table.Th>
              <Table.Th>Meaning</Table.Th>
              <Table.Th>Appetite</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((level) => {
              const appetiteRank = methodology.levels.find((l) => l.key === methodology.appetite)?.rank ?? 0;
              return (
                <Table.Tr key={level.key}>
                  <Table.Td>
                    <LevelBadge levels={methodology.levels} level={level.key} />
                  </Table.Td>
                  <Table.Td>{level.description || '—'}</Table.Td>
                  <Table.Td>{level.rank <= appetiteRank ? 'Within appetite' : 'Above appetite'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Matrix
        </Title>
        <Table withTableBorder withColumnBorders data-testid="methodology-matrix" maw={720}>
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text span size="xs" c="dimmed">
              The level of each likelihood (rows) × impact (columns)
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Likelihood \ impact</Table.Th>
              {is.map((i) => (
                <Table.Th key={i.value} ta="center">
                  {i.value} {i.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ls.map((l) => (
              <Table.Tr key={l.value}>
                <Table.Th scope="row">
                  {l.value} {l.label}
                </Table.Th>
                {is.map((i) => {
                  const level = levelAt(methodology.matrix, l.value, i.value);
                  return (
                    <Table.Td key={i.value} ta="center" style={{ background: `var(--mantine-color-${levelColour(methodology.levels, level)}-2)`, color: 'var(--mantine-color-black)' }}>
                      {levelLabel(methodology.levels, level)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Stack>
  );
}

/** The risk assessment methodology (ISO/IEC 27001 6.1.2): the version in force, its history, and a new version's draft. */
export function RiskMethodologyRoute() {
  const { activeRole } = useSession();
  const mayPublish = roleMay(activeRole, PROGRAMME_MANAGERS);
  const mayApprove = roleMay(activeRole, PUBLICATION_APPROVERS);
  const [params, setParams] = useSearchParams();
  const requested = Number.parseInt(params.get('version') ?? '', 10);
  const version = Number.isInteger(requested) && requested > 0 ? requested : null;
  const { data, previousData, loading, error, refetch } = useQuery(RiskMethodologyPageDocument, { variables: { version } });
  const [editing, setEditing] = useState(false);
  const page = data ?? previousData;
  const shown = page?.riskMethodology;
  const currentVersion = page?.current?.version;
  const showingCurrent = shown !== undefined && shown !== null && shown.version === currentVersion;

  let body;
  if (loading && !page) body = <Loading label="Loading the methodology…" />;
  else if (error && !page) body = <ErrorAlert title="Could not load the methodology" error={error} onRetry={() => void refetch()} />;
  else if (!shown) body = <Text size="sm">There is no methodology version {version}.</Text>;
  else {
    body = (
      <Stack gap="xl">
        {editing && showingCurrent ? (
          <Section title={`Draft of version ${shown.version + 1}`} testId="methodology-draft">
            <MethodologyEditor
              current={shown}
              onDone={(published) => {
                setEditing(false);
                if (published !== shown.version) setParams({});
                void refetch();
              }}
            />
          </Section>
        ) : (
          <Section title={showingCurrent ? `In force: version ${shown.version}` : `Version ${shown.version} (no longer in force)`} testId="methodology-current">
            {!showingCurrent && (
              <Anchor component={Link} to="/risks/methodology" size="sm">
                Show the version in force
              </Anchor>
            )}
            <MethodologyView methodology={shown} />
          </Section>
        )}
        <Section title="Versions" testId="methodology-versions">
          <Table striped>
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text span size="xs" c="dimmed">
                Every version, newest first; each assessment keeps the version it was made under
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Published</Table.Th>
                <Table.Th>Scales</Table.Th>
                <Table.Th>Levels</Table.Th>
                <Table.Th>Appetite</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(page?.riskMethodologyVersions ?? []).map((v) => (
                <Table.Tr key={v.id} data-testid="methodology-version-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/risks/methodology?version=${v.version}`} size="sm" aria-current={v.version === shown.version ? 'page' : undefined}>
                        Version {v.version}
                      </Anchor>
                      {v.version === currentVersion && (
                        <Badge size="sm" variant="filled" color="green.2" autoContrast>
                          In force
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{v.builtIn ? 'Built-in default' : formatDateTime(v.publishedAt)}</Table.Td>
                  <Table.Td>
                    {v.likelihoodScale.length} likelihood × {v.impactScale.length} impact
                  </Table.Td>
                  <Table.Td>{v.levels.map((l) => levelLabel(shown.version === v.version ? shown.levels : [], l.key)).join(', ')}</Table.Td>
                  <Table.Td>{levelLabel(shown.version === v.version ? shown.levels : [], v.appetite)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
      </Stack>
    );
  }

  return (
    <Page
      title="Methodology"
      description="How risks are assessed: the likelihood and impact scales, the levels they give, and the risk appetite."
      actions={
        mayPublish &&
        showingCurrent &&
        !editing && (
          <Button onClick={() => setEditing(true)} data-testid="methodology-edit">
            Draft a new version
          </Button>
        )
      }
    >
      <Stack gap="md">
        {mayApprove && <PendingMethodologyDraft onPublished={() => void refetch()} />}
        <Box>{body}</Box>
      </Stack>
    </Page>
  );
}
