import { useQuery } from '@apollo/client/react';
import { ErrorPanel } from '../shared/error-panel.component';
import { describeError } from '../shared/http.errors';
import { OrgUnitTree } from './org-unit-tree.component';
import { PeopleTable } from './people-table.component';
import { PROGRAMME_OVERVIEW_QUERY } from './programme-overview.query';
import { RiskTable } from './risk-table.component';
import { SoaTable } from './soa-table.component';
import { SummaryCards } from './summary-cards.component';

interface ProgrammeOverviewProps {
  /** Offered when the gateway no longer accepts the session's token. */
  onSignOut: () => void;
}

/** Organisation, people, risks and the SoA in one query through the gateway (three subgraphs). */
export function ProgrammeOverview({ onSignOut }: ProgrammeOverviewProps) {
  // errorPolicy 'all': if one subgraph fails the gateway may still return the rest; show it with a warning.
  const { data, loading, error, refetch } = useQuery(PROGRAMME_OVERVIEW_QUERY, {
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });

  if (!data) {
    if (loading) {
      return (
        <p className="status" role="status" aria-live="polite" data-testid="overview-loading">
          Loading the programme overview…
        </p>
      );
    }
    return (
      <ErrorPanel title="Could not load the programme overview" error={error ?? 'The gateway returned no data.'} testId="overview-error">
        <RetryOrSignOut error={error} onRetry={() => void refetch()} onSignOut={onSignOut} />
      </ErrorPanel>
    );
  }

  return (
    <div className="overview" data-testid="programme-overview" aria-busy={loading}>
      {error && (
        <ErrorPanel title="Part of the overview could not be loaded" error={error} testId="overview-partial-error">
          <RetryOrSignOut error={error} onRetry={() => void refetch()} onSignOut={onSignOut} />
        </ErrorPanel>
      )}
      <SummaryCards data={data} />
      <div className="overview__grid">
        <OrgUnitTree units={data.orgUnits} />
        <PeopleTable people={data.people} />
      </div>
      <RiskTable risks={data.risks} />
      <SoaTable entries={data.statementOfApplicability} risks={data.risks} />
    </div>
  );
}

function RetryOrSignOut({ error, onRetry, onSignOut }: { error: unknown; onRetry: () => void; onSignOut: () => void }) {
  if (error && describeError(error).unauthenticated) {
    return (
      <button type="button" className="button" onClick={onSignOut}>
        Sign in again
      </button>
    );
  }
  return (
    <button type="button" className="button" onClick={onRetry}>
      Try again
    </button>
  );
}
