import { ProgrammeOverview } from '../overview/programme-overview.view';
import { PROGRAMME_OVERVIEW_ROLES, roleLabel } from './roles';

interface RoleHomeProps {
  /** The role the person is currently viewing the portal as. */
  role: string;
  onSignOut: () => void;
}

/**
 * Chooses the view for a role. Only the programme overview exists so far: it is the home of ISMS managers,
 * administrators and executives; other roles see it too, under a heading naming their role, until their own view
 * is built.
 */
export function RoleHome({ role, onSignOut }: RoleHomeProps) {
  const label = roleLabel(role);

  if (PROGRAMME_OVERVIEW_ROLES.has(role)) {
    return (
      <>
        <header className="page-heading">
          <h1 data-testid="view-heading">Programme overview</h1>
          <p className="muted">Viewing as {label}: the state of the ISMS across the organisation.</p>
        </header>
        <ProgrammeOverview onSignOut={onSignOut} />
      </>
    );
  }

  return (
    <>
      <header className="page-heading">
        <h1 data-testid="view-heading">{label}</h1>
        <p className="muted">
          The {label.toLowerCase()} view is not available yet. Meanwhile, here is the programme overview.
        </p>
      </header>
      <ProgrammeOverview onSignOut={onSignOut} />
    </>
  );
}
