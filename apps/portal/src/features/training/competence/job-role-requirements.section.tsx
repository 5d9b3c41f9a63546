import { useMutation } from '@apollo/client/react';
import { Autocomplete, Badge, Button, Card, Group, MultiSelect, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { Section } from '../../../components/page';
import { CompetenceSetJobRoleDocument, type CompetenceCatalogueQuery } from '../../../gql/graphql';
import { notifySuccess } from '../../../lib/notify';
import { jobRoleLabel } from './competence.format';

interface Props {
  competences: CompetenceCatalogueQuery['competences'];
  jobRoles: CompetenceCatalogueQuery['jobRoleCompetences'];
  canEdit: boolean;
}

/** Which competences each job role requires (job roles as people carry them), and a form to set a role's list. */
export function JobRoleRequirementsSection({ competences, jobRoles, canEdit }: Props) {
  const [jobRole, setJobRole] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [save, { error, loading, reset }] = useMutation(CompetenceSetJobRoleDocument, { refetchQueries: ['CompetenceCatalogue', 'CompetenceUnitGaps', 'CompetencePeopleGaps'] });

  const pick = (role: string) => {
    setJobRole(role);
    const known = jobRoles.find((candidate) => candidate.jobRole === role.trim().replace(/\s+/g, ' ').toLowerCase());
    if (known) setChosen(known.competences.map((competence) => competence.id));
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    reset();
    const result = await save({ variables: { input: { jobRole, competenceIds: chosen } } }).catch(() => null);
    const saved = result?.data?.setJobRoleCompetences;
    if (!saved) return;
    notifySuccess('Requirements saved', `${jobRoleLabel(saved.jobRole)} requires ${saved.competences.length} competence${saved.competences.length === 1 ? '' : 's'}.`);
  };

  return (
    <Section title="Requirements per job role" testId="job-role-requirements">
      <Table striped withTableBorder data-testid="job-roles-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Job role</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>People</Table.Th>
            <Table.Th>Required competences</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobRoles.map((role) => (
            <Table.Tr key={role.jobRole} data-testid="job-role-row" data-job-role={role.jobRole}>
              <Table.Td>{jobRoleLabel(role.jobRole)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{role.people}</Table.Td>
              <Table.Td>
                {role.competences.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    None
                  </Text>
                ) : (
                  <Group gap={4}>
                    {role.competences.map((competence) => (
                      <Badge key={competence.id} variant="outline" color="blue.9">
                        {competence.name}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Card withBorder>
          <form onSubmit={(event) => void submit(event)} noValidate data-testid="job-role-form">
            <Stack gap="sm">
              <Text fw={600}>Set what a job role requires</Text>
              {error && <ErrorAlert title="The requirements were not saved" error={error} testId="job-role-error" />}
              <Autocomplete
                label="Job role"
                description="As people carry it in the register; case and spacing do not matter."
                withAsterisk
                data={jobRoles.map((role) => role.jobRole)}
                value={jobRole}
                onChange={pick}
                data-testid="job-role-name"
              />
              <MultiSelect
                label="Required competences"
                searchable
                data={competences.map((competence) => ({ value: competence.id, label: competence.name }))}
                value={chosen}
                onChange={setChosen}
                data-testid="job-role-competences"
              />
              <Group>
                <Button type="submit" loading={loading} disabled={!jobRole.trim()} data-testid="job-role-submit">
                  Save requirements
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Section>
  );
}
