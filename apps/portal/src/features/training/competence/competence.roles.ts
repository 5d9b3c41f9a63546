import { Role } from '@iso27001/authz/roles';

/** Who records competences, as the API's recordCompetence allows (the unit owners for their units' people). */
export const COMPETENCE_RECORDERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.RiskOwner, Role.ControlOwner];
