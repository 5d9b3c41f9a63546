import { useId, useMemo, useState } from 'react';
import { compareControlIds, reasonLabel, themeLabel } from './overview.labels';
import type { Risk, SoaEntry } from './programme-overview.types';

interface SoaTableProps {
  entries: SoaEntry[];
  risks: Risk[];
}

type ApplicabilityFilter = 'all' | 'applicable' | 'excluded';

export function SoaTable({ entries, risks }: SoaTableProps) {
  const [applicability, setApplicability] = useState<ApplicabilityFilter>('all');
  const [theme, setTheme] = useState<string>('all');
  const applicabilityId = useId();
  const themeId = useId();

  const riskTitles = useMemo(() => new Map(risks.map((r) => [r.id, r.title])), [risks]);
  const themes = useMemo(() => [...new Set(entries.map((e) => e.control.theme))].sort(), [entries]);
  const rows = useMemo(
    () =>
      entries
        .filter((e) => applicability === 'all' || e.applicable === (applicability === 'applicable'))
        .filter((e) => theme === 'all' || e.control.theme === theme)
        .sort((a, b) => compareControlIds(a.control.id, b.control.id)),
    [entries, applicability, theme],
  );

  return (
    <section className="panel" aria-labelledby="soa-heading">
      <h2 id="soa-heading">Statement of Applicability</h2>
      {entries.length === 0 ? (
        <p className="muted">The Statement of Applicability has no entries yet.</p>
      ) : (
        <>
          <div className="filters">
            <label htmlFor={applicabilityId}>
              Show
              <select
                id={applicabilityId}
                value={applicability}
                onChange={(e) => setApplicability(e.target.value as ApplicabilityFilter)}
              >
                <option value="all">All controls</option>
                <option value="applicable">Applicable only</option>
                <option value="excluded">Not applicable only</option>
              </select>
            </label>
            <label htmlFor={themeId}>
              Theme
              <select id={themeId} value={theme} onChange={(e) => setTheme(e.target.value)}>
                <option value="all">All themes</option>
                {themes.map((t) => (
                  <option key={t} value={t}>
                    {themeLabel(t)}
                  </option>
                ))}
              </select>
            </label>
            <p className="muted small" role="status" aria-live="polite">
              Showing {rows.length} of {entries.length} controls
            </p>
          </div>
          <div className="table-scroll">
            <table className="data-table" data-testid="soa-table">
              <caption>Annex A controls, whether each applies, and why.</caption>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Title</th>
                  <th scope="col">Theme</th>
                  <th scope="col">Applicable</th>
                  <th scope="col">Reasons</th>
                  <th scope="col">Risks</th>
                  <th scope="col">Justification</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => (
                  <tr
                    key={entry.control.id}
                    data-testid="soa-row"
                    data-control-id={entry.control.id}
                    className={entry.applicable ? undefined : 'row--muted'}
                  >
                    <th scope="row">
                      <code>{entry.control.id}</code>
                    </th>
                    <td>{entry.control.title}</td>
                    <td>{themeLabel(entry.control.theme)}</td>
                    <td>
                      {entry.applicable ? (
                        <span className="pill pill--yes">Yes</span>
                      ) : (
                        <span className="pill pill--no">No</span>
                      )}
                    </td>
                    <td>
                      {entry.reasons.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        entry.reasons.map(reasonLabel).join(', ')
                      )}
                    </td>
                    <td>
                      {entry.riskIds.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <ul className="id-list">
                          {entry.riskIds.map((id) => (
                            <li key={id}>
                              <code title={riskTitles.get(id)}>{id}</code>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="justification">
                      {entry.justification ?? <span className="muted">—</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 && <p className="muted">No controls match these filters.</p>}
        </>
      )}
    </section>
  );
}
