import type { PersonConnection } from './programme-overview.types';

interface PeopleTableProps {
  people: PersonConnection;
}

export function PeopleTable({ people }: PeopleTableProps) {
  const shown = people.nodes.length;
  return (
    <section className="panel" aria-labelledby="people-heading">
      <h2 id="people-heading">People</h2>
      {shown === 0 ? (
        <p className="muted">No people have been recorded yet.</p>
      ) : (
        <div className="table-scroll table-scroll--short">
          <table className="data-table" data-testid="people-table">
            <caption>
              {shown < people.totalCount ? `First ${shown} of ${people.totalCount} people.` : `All ${shown} people.`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job role</th>
                <th scope="col">Unit</th>
                <th scope="col">Email</th>
              </tr>
            </thead>
            <tbody>
              {people.nodes.map((person) => (
                <tr key={person.id}>
                  <th scope="row" className="row-title">
                    {person.name}
                  </th>
                  <td>{person.jobRole ?? <span className="muted">—</span>}</td>
                  <td>{person.unit?.name ?? <span className="muted">—</span>}</td>
                  <td>
                    <a href={`mailto:${person.email}`}>{person.email}</a>
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
