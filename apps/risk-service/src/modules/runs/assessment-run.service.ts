import { EventContext, isUuid, ServiceDeps } from '@iso27001/platform';
import { MethodologyService } from '../methodology/methodology.service';
import { AssessmentRunEntity, AssessmentRunItemEntity } from './assessment-run.entity';
import { runErrors } from './assessment-run.errors';
import { compareRuns, RunComparison } from './run-comparison.logic';

export class AssessmentRunService {
  private readonly methodologies: MethodologyService;

  constructor(private readonly deps: ServiceDeps) {
    this.methodologies = new MethodologyService(deps);
  }

  /** Snapshots the whole register in one set-based INSERT … SELECT, inside one transaction. */
  async start(title: string, context: EventContext): Promise<AssessmentRunEntity> {
    const trimmed = title.trim();
    if (!trimmed) throw runErrors.raise('TITLE_REQUIRED', 'an assessment run needs a title');
    return this.deps.dataSource.transaction(async (manager) => {
      const { methodology } = await this.methodologies.current(manager, context.organisationId);
      const run = await manager.save(manager.create(AssessmentRunEntity, { organisationId: context.organisationId, title: trimmed, methodologyVersion: methodology.version, riskCount: 0, takenBy: context.actor }));
      const inserted: unknown[] = await manager.query(
        `INSERT INTO assessment_run_item (run_id, risk_id, title, owner_id, status, treatment, inherent_version, inherent_likelihood, inherent_impact, inherent_level,
                                          residual_version, residual_likelihood, residual_impact, residual_level, accepted, needs_acceptance)
         SELECT $1, id, title, owner_id, status, treatment, inherent_version, inherent_likelihood, inherent_impact, inherent_level,
                residual_version, residual_likelihood, residual_impact, residual_level, accepted_at IS NOT NULL, needs_acceptance
         FROM risk WHERE organisation_id = $2 RETURNING risk_id`,
        [run.id, context.organisationId],
      );
      run.riskCount = inserted.length;
      return manager.save(run);
    });
  }

  list(organisationId: string): Promise<AssessmentRunEntity[]> {
    return this.deps.dataSource.getRepository(AssessmentRunEntity).find({ where: { organisationId }, order: { takenAt: 'DESC' } });
  }

  private async run(organisationId: string, id: string): Promise<AssessmentRunEntity> {
    const run = isUuid(id) ? await this.deps.dataSource.getRepository(AssessmentRunEntity).findOneBy({ organisationId, id }) : null;
    if (!run) throw runErrors.raise('RUN_NOT_FOUND', `assessment run ${id} does not exist`);
    return run;
  }

  async compare(organisationId: string, fromId: string, toId: string): Promise<{ from: AssessmentRunEntity; to: AssessmentRunEntity; comparison: RunComparison }> {
    const [from, to] = await Promise.all([this.run(organisationId, fromId), this.run(organisationId, toId)]);
    const items = this.deps.dataSource.getRepository(AssessmentRunItemEntity);
    const [before, after] = await Promise.all([items.findBy({ runId: from.id }), items.findBy({ runId: to.id })]);
    return { from, to, comparison: compareRuns(before, after) };
  }
}
