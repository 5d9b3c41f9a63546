import { Badge, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ProgrammeScopeVersionFragment } from '../../gql/graphql';
import { formatDate } from '../../lib/format';

function Items({ title, items, empty, testId }: { title: string; items: readonly string[]; empty: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <Title order={4} size="h6" mb={4}>
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

/** A scope version in full: the statement as on the certificate, units by name, locations, systems, interfaces, exclusions. */
export function ScopeDetails({ scope, testId = 'scope-details' }: { scope: ProgrammeScopeVersionFragment; testId?: string }) {
  return (
    <Stack gap="md" data-testid={testId}>
      <div>
        <Title order={4} size="h6" mb={4}>
          Scope statement
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="scope-statement">
          {scope.statement || 'No statement yet.'}
        </Text>
      </div>
      <div data-testid="scope-units">
        <Title order={4} size="h6" mb={4}>
          Units in scope
        </Title>
        {scope.inScopeUnits.length === 0 ? (
          <Text size="sm" c="dimmed">
            No unit is in scope yet.
          </Text>
        ) : (
          <Group gap={6}>
            {[...scope.inScopeUnits]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((unit) => (
                <Badge key={unit.id} variant="outline" tt="none" data-testid="scope-unit">
                  {unit.name}
                </Badge>
              ))}
          </Group>
        )}
      </div>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Items title="Locations" items={scope.locations} empty="None listed." testId="scope-locations" />
        <Items title="Systems and asset categories" items={scope.systems} empty="None listed." testId="scope-systems" />
        <Items title="Interfaces and dependencies" items={scope.interfaces} empty="None listed." testId="scope-interfaces" />
      </SimpleGrid>
      <div data-testid="scope-exclusions">
        <Title order={4} size="h6" mb={4}>
          Exclusions
        </Title>
        {scope.exclusions.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is excluded.
          </Text>
        ) : (
          <Table verticalSpacing={4} aria-label="Exclusions and their justification">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Excluded</Table.Th>
                <Table.Th>Justification</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scope.exclusions.map((exclusion) => (
                <Table.Tr key={exclusion.item}>
                  <Table.Td>{exclusion.item}</Table.Td>
                  <Table.Td>{exclusion.justification}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}

/** "Approved 1 Dec 2026 by Evelyn Carter" for an approved or superseded version. */
export function approvalLine(scope: ProgrammeScopeVersionFragment): string {
  if (!scope.approvedAt) return 'Not approved yet';
  const by = scope.approvedByPerson?.name ?? scope.approvedByName;
  return `Approved ${formatDate(scope.approvedAt)}${by ? ` by ${by}` : ''}`;
}
