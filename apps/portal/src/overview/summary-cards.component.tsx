import type { ProgrammeOverviewQuery } from './programme-overview.types';

interface SummaryCardsProps {
  data: ProgrammeOverviewQuery;
}

export function SummaryCards({ data }: SummaryCardsProps) {
  const soaRows = data.statementOfApplicability.length;
  const applicable = data.statementOfApplicability.filter((e) => e.applicable).length;
  const unowned = data.risks.filter((r) => !r.owner).length;

  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="visually-hidden">
        Summary
      </h2>
      <dl className="summary-cards">
        <div className="summary-card" data-testid="summary-people-total">
          <dt>People</dt>
          <dd className="summary-card__value">{data.people.totalCount}</dd>
          <dd className="summary-card__note">in the organisation</dd>
        </div>
        <div className="summary-card" data-testid="summary-org-units">
          <dt>Organisational units</dt>
          <dd className="summary-card__value">{data.orgUnits.length}</dd>
          <dd className="summary-card__note">business units, departments and teams</dd>
        </div>
        <div className="summary-card" data-testid="summary-risks">
          <dt>Risks</dt>
          <dd className="summary-card__value">{data.risks.length}</dd>
          <dd className="summary-card__note">{unowned === 0 ? 'all have an owner' : `${unowned} without an owner`}</dd>
        </div>
        <div className="summary-card" data-testid="summary-applicable-controls">
          <dt>Applicable controls</dt>
          <dd className="summary-card__value">
            {applicable} <span className="summary-card__of">of {soaRows}</span>
          </dd>
          <dd className="summary-card__note">in the Statement of Applicability</dd>
        </div>
      </dl>
    </section>
  );
}
