import { useMemo } from 'react';
import { treatmentLabel } from './overview.labels';
import type { Risk } from './programme-overview.types';

interface RiskTableProps {
  risks: Risk[];
}

const score = (r: Risk) => r.inherentLikelihood * r.inherentImpact;

export function RiskTable({ risks }: RiskTableProps) {
  const sorted = useMemo(
    () => [...risks].sort((a, b) => score(b) - score(a) || a.title.localeCompare(b.title)),
    [risks],
  );

  return (
    <section className="panel" aria-labelledby="risks-heading">
      <h2 id="risks-heading">Risk register</h2>
      {sorted.length === 0 ? (
        <p className="muted">No risks have been recorded yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="risk-table">
            <caption>Risks, highest inherent score (likelihood × impact) first.</caption>
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Owner</th>
                <th scope="col">Treatment</th>
                <th scope="col" className="num">
                  Likelihood × impact
                </th>
                <th scope="col">Controls</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((risk) => (
                <tr key={risk.id} data-testid="risk-row" data-risk-id={risk.id}>
                  <th scope="row" className="row-title">
                    {risk.title}
                  </th>
                  <td>
                    {risk.owner ? (
                      <span data-testid="risk-owner-name" title={risk.owner.email}>
                        {risk.owner.name}
                      </span>
                    ) : (
                      <span className="warning-text">No owner</span>
                    )}
                  </td>
                  <td>
                    {risk.treatment ? (
                      <span className={`pill pill--${risk.treatment.toLowerCase()}`}>{treatmentLabel(risk.treatment)}</span>
                    ) : (
                      <span className="muted">Not decided</span>
                    )}
                  </td>
                  <td className="num">
                    {risk.inherentLikelihood} × {risk.inherentImpact} = <strong>{score(risk)}</strong>
                  </td>
                  <td>
                    {risk.controls.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="id-list">
                        {risk.controls.map((control) => (
                          <li key={control.id}>
                            <code title={control.title}>{control.id}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
