import { useQuery } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import type { PersonOption } from '../../../components/person-select';
import { CompetenceCatalogueDocument } from '../../../gql/graphql';
import { roleMay } from '../../../lib/roles';
import { useSession } from '../../../lib/session';
import { CompetenceCatalogueSection } from './competence-catalogue.section';
import { COMPETENCE_RECORDERS } from './competence.roles';
import { JobRoleRequirementsSection } from './job-role-requirements.section';
import { PeopleGapsSection } from './people-gaps.section';
import { RecordCompetenceModal } from './record-competence.modal';
import { UnitGapsSection } from './unit-gaps.section';

/**
 * Competence (clause 7.2) for the programme: the gaps per unit (chart and table) with a drill-down to people and what
 * each misses; programme managers also keep the catalogue and the requirements per job role; programme managers and
 * unit owners record competences.
 */
export function CompetenceRoute() {
  const { activeRole } = useSession();
  const canEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const canRecord = roleMay(activeRole, COMPETENCE_RECORDERS);
  const catalogue = useQuery(CompetenceCatalogueDocument);
  const [unit, setUnit] = useState<{ id: string; name: string } | null>(null);
  const [recording, setRecording] = useState<{ person: PersonOption | null; competenceId: string | null } | null>(null);

  if (catalogue.loading && !catalogue.data) return <Loading />;
  const competences = catalogue.data?.competences ?? [];
  return (
    <Page
      title="Competence"
      description="What each job role requires, who is missing what, and the records that show it (ISO/IEC 27001 clause 7.2). A valid record or a completed granting course covers a competence; expired records do not."
      actions={
        canRecord && (
          <Button onClick={() => setRecording({ person: null, competenceId: null })} data-testid="record-competence-open">
            Record a competence
          </Button>
        )
      }
    >
      {catalogue.error && !catalogue.data && <ErrorAlert title="Could not load the competence catalogue" error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      <UnitGapsSection selectedUnitId={unit?.id ?? null} onSelect={setUnit} />
      <PeopleGapsSection unit={unit} onRecord={canRecord ? (person, competenceId) => setRecording({ person, competenceId }) : undefined} />
      <JobRoleRequirementsSection competences={competences} jobRoles={catalogue.data?.jobRoleCompetences ?? []} canEdit={canEdit} />
      <CompetenceCatalogueSection competences={competences} canEdit={canEdit} />
      <RecordCompetenceModal
        opened={recording !== null}
        onClose={() => setRecording(null)}
        competences={competences}
        person={recording?.person ?? null}
        competenceId={recording?.competenceId ?? null}
      />
    </Page>
  );
}
