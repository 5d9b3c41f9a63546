import { Access } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { scopeSql } from '../risks/risk.scope';

export interface TreatmentPlanRow {
  riskId: string;
  title: string;
  ownerName: string | null;
  ownerEmail: string | null;
  unitId: string | null;
  treatment: string;
  rationale: string | null;
  controlIds: string[];
  actions: { title: string; ownerName: string | null; dueOn: string; status: string }[];
  inherentLikelihood: number;
  inherentImpact: number;
  inherentLevel: string;
  residualLikelihood: number | null;
  residualImpact: number | null;
  residualLevel: string | null;
  acceptedByName: string | null;
  acceptedAt: Date | null;
  needsAcceptance: boolean;
  status: string;
  nextReviewOn: string | null;
}

export class TreatmentPlanService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Every treated risk within the caller's reach (their units' and those they own; all for organisation-wide roles)
   * with its controls, actions, owners' names, residual risk and acceptance, in one query.
   */
  async rows(organisationId: string, access: Access): Promise<TreatmentPlanRow[]> {
    const params: unknown[] = [organisationId];
    const reach = scopeSql(access, { unit: 'r.unit_id', owner: 'r.owner_id' }, params);
    const rows: Record<string, unknown>[] = await this.deps.dataSource.query(
      `SELECT r.id, r.title, o.name AS owner_name, o.email AS owner_email, r.unit_id, r.treatment, r.treatment_rationale, r.control_ids,
              r.inherent_likelihood, r.inherent_impact, r.inherent_level, r.residual_likelihood, r.residual_impact, r.residual_level,
              a.name AS accepted_by_name, r.accepted_at, r.needs_acceptance, r.status, to_char(r.next_review_on, 'YYYY-MM-DD') AS next_review_on,
              COALESCE((SELECT json_agg(json_build_object('title', ac.title, 'ownerName', ao.name, 'dueOn', to_char(ac.due_on, 'YYYY-MM-DD'), 'status', ac.status) ORDER BY ac.due_on, ac.title)
                          FROM risk_action ac LEFT JOIN person_replica ao ON ao.organisation_id = ac.organisation_id AND ao.person_id = ac.owner_id
                         WHERE ac.risk_id = r.id), '[]') AS actions
         FROM risk r
         LEFT JOIN person_replica o ON o.organisation_id = r.organisation_id AND o.person_id = r.owner_id
         LEFT JOIN person_replica a ON a.organisation_id = r.organisation_id AND a.person_id = r.accepted_by_person_id
        WHERE r.organisation_id = $1 AND r.treatment IS NOT NULL${reach ? ` AND ${reach}` : ''}
        ORDER BY r.current_rank DESC, r.current_score DESC, lower(r.title), r.id`,
      params,
    );
    return rows.map((row) => ({
      riskId: row['id'] as string,
      title: row['title'] as string,
      ownerName: row['owner_name'] as string | null,
      ownerEmail: row['owner_email'] as string | null,
      unitId: row['unit_id'] as string | null,
      treatment: row['treatment'] as string,
      rationale: row['treatment_rationale'] as string | null,
      controlIds: row['control_ids'] as string[],
      actions: row['actions'] as TreatmentPlanRow['actions'],
      inherentLikelihood: row['inherent_likelihood'] as number,
      inherentImpact: row['inherent_impact'] as number,
      inherentLevel: row['inherent_level'] as string,
      residualLikelihood: row['residual_likelihood'] as number | null,
      residualImpact: row['residual_impact'] as number | null,
      residualLevel: row['residual_level'] as string | null,
      acceptedByName: row['accepted_by_name'] as string | null,
      acceptedAt: row['accepted_at'] as Date | null,
      needsAcceptance: row['needs_acceptance'] as boolean,
      status: row['status'] as string,
      nextReviewOn: row['next_review_on'] as string | null,
    }));
  }
}
