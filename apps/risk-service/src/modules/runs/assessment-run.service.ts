import { In } from 'typeorm';
import { Access, Claims, coversRecord, withinGrantPeriod } from '@iso27001/authz';
import { EventContext, isUuid, scopeErrors, ServiceDeps } from '@iso27001/platform';
import { scopeSql } from '../risks/risk.scope';
import { MethodologyService } from '../methodology/methodology.service';
import { AssessmentRunEntity, AssessmentRunItemEntity } from './assessment-run.entity';
import { runErrors } from './assessment-run.errors';
import { compareRuns, RunComparison } from './run-comparison.logic';

export class AssessmentRunService {
  private readonly methodologies: MethodologyService;

  constructor(private readonly deps: ServiceDeps) {
    this.methodologies = new MethodologyService(deps);
  }

  /**
   * Snapshots the whole register in one set-based INSERT … SELECT, inside one transaction. The snapshot holds every
   * unit's risks, so only an organisation-wide role takes one.
   */
  async start(title: string, context: EventContext, access: Access): Promise<AssessmentRunEntity> {
    const trimmed = title.trim();
    if (!trimmed) throw runErrors.raise('TITLE_REQUIRED', 'an assessment run needs a title');
    if (!access.organisationWide) {
      throw scopeErrors.raise('OUT_OF_SCOPE', 'an assessment run snapshots the whole register, every unit\'s risks: only an organisation-wide role (the ISMS manager) may take one');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const { methodology } = await this.methodologies.current(manager, context.organisationId);
      const run = await manager.save(manager.create(AssessmentRunEntity, { organisationId: context.organisationId, title: trimmed, methodologyVersion: methodology.version, riskCount: 0, takenBy: context.actor }));
      const inserted: unknown[] = await manager.query(
        `INSERT INTO assessment_run_item (run_id, risk_id, title, owner_id, unit_id, status, treatment, inherent_version, inherent_likelihood, inherent_impact, inherent_level,
                                          residual_version, residual_likelihood, residual_impact, residual_level, accepted, needs_acceptance)
         SELECT $1, id, title, owner_id, unit_id, status, treatment, inherent_version, inherent_likelihood, inherent_impact, inherent_level,
                residual_version, residual_likelihood, residual_impact, residual_level, accepted_at IS NOT NULL, needs_acceptance
         FROM risk WHERE organisation_id = $2 RETURNING risk_id`,
        [run.id, context.organisationId],
      );
      run.riskCount = inserted.length;
      return manager.save(run);
    });
  }

  /**
   * Runs, newest first; for a caller who is not organisation-wide, each run counts only the risks within their reach.
   * An external auditor gets only the runs taken within the grant's observation period.
   */
  async list(claims: Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>, access: Access): Promise<AssessmentRunEntity[]> {
    const runs = await this.deps.dataSource.getRepository(AssessmentRunEntity).find({ where: { organisationId: claims.organisationId }, order: { takenAt: 'DESC' } });
    return this.countedInReach(runs.filter((run) => withinGrantPeriod(claims, run.takenAt)), access);
  }

  private async countedInReach(runs: AssessmentRunEntity[], access: Access): Promise<AssessmentRunEntity[]> {
    const params: unknown[] = [runs.map((run) => run.id)];
    const reach = scopeSql(access, { unit: 'unit_id', owner: 'owner_id' }, params);
    if (!reach || runs.length === 0) return runs;
    const rows: { run_id: string; count: number }[] = await this.deps.dataSource.query(`SELECT run_id, count(*)::int AS count FROM assessment_run_item WHERE run_id = ANY($1::uuid[]) AND ${reach} GROUP BY run_id`, params);
    const counts = new Map(rows.map((row) => [row.run_id, row.count]));
    return runs.map((run) => Object.assign(new AssessmentRunEntity(), run, { riskCount: counts.get(run.id) ?? 0 }));
  }

  /** A run of the organisation; one taken outside an external auditor's observation period is not found for them. */
  private async run(claims: Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>, id: string): Promise<AssessmentRunEntity> {
    const run = isUuid(id) ? await this.deps.dataSource.getRepository(AssessmentRunEntity).findOneBy({ organisationId: claims.organisationId, id }) : null;
    if (!run || !withinGrantPeriod(claims, run.takenAt)) throw runErrors.raise('RUN_NOT_FOUND', `assessment run ${id} does not exist`);
    return run;
  }

  /** The comparison of two runs over the risks within the caller's reach in each snapshot (its unit and owner then). */
  async compare(
    claims: Pick<Claims, 'organisationId' | 'roles' | 'periodStart' | 'periodEnd'>,
    fromId: string,
    toId: string,
    access: Access,
  ): Promise<{ from: AssessmentRunEntity; to: AssessmentRunEntity; comparison: RunComparison }> {
    const [fromRun, toRun] = await Promise.all([this.run(claims, fromId), this.run(claims, toId)]);
    const [from, to] = await this.countedInReach([fromRun, toRun], access);
    const items = await this.deps.dataSource.getRepository(AssessmentRunItemEntity).findBy({ runId: In([fromRun.id, toRun.id]) });
    const visible = items.filter((item) => coversRecord(access, { unitId: item.unitId, ownerIds: [item.ownerId] }));
    return { from: from!, to: to!, comparison: compareRuns(visible.filter((item) => item.runId === fromRun.id), visible.filter((item) => item.runId === toRun.id)) }; // eslint-disable-line @typescript-eslint/no-non-null-assertion
  }
}
