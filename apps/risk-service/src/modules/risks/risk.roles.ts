import { Role } from '@iso27001/authz';

/** Who may change the register (risks, assets, actions, assessments, imports). */
export const RISK_EDITORS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.RiskOwner];
