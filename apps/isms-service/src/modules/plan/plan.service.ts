import { LessThan, Not } from 'typeorm';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { today } from '../shared/calendar-date';
import { assertPeopleExist } from '../shared/people-check';
import { CertificationPhaseEntity, CertificationProjectEntity, CertificationTaskEntity, ManagementCommitmentEntity } from './plan.entity';
import { planErrors } from './plan.errors';
import { AddCertificationTaskInput, RecordManagementCommitmentInput, UpdateCertificationTaskInput } from './plan.input';
import { CERTIFICATION_PHASES } from './plan.progress';

export interface Recorder {
  sub: string;
  name: string;
}

export class PlanService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The project with its phases and all tasks: three queries, whatever the number of tasks. */
  async load(organisationId: string): Promise<{ project: CertificationProjectEntity; phases: CertificationPhaseEntity[]; tasks: CertificationTaskEntity[] } | null> {
    const project = await this.deps.dataSource.getRepository(CertificationProjectEntity).findOneBy({ organisationId });
    if (!project) return null;
    const phases = await this.deps.dataSource.getRepository(CertificationPhaseEntity).find({ where: { projectId: project.id }, order: { position: 'ASC' } });
    const tasks = await this.deps.dataSource.getRepository(CertificationTaskEntity).find({ where: { organisationId }, order: { dueDate: 'ASC', createdAt: 'ASC' } });
    return { project, phases, tasks };
  }

  async start(context: EventContext): Promise<void> {
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`isms:certification-project:${context.organisationId}`]);
      if (await manager.existsBy(CertificationProjectEntity, { organisationId: context.organisationId })) {
        throw planErrors.raise('PROJECT_EXISTS', 'the certification project has already been started');
      }
      const project = await manager.save(manager.create(CertificationProjectEntity, { organisationId: context.organisationId, startedBy: context.actor }));
      await manager.insert(
        CertificationPhaseEntity,
        CERTIFICATION_PHASES.map((phase, index) => ({ organisationId: context.organisationId, projectId: project.id, key: phase.key, name: phase.name, position: index + 1 })),
      );
    });
  }

  async addTask(input: AddCertificationTaskInput, context: EventContext): Promise<CertificationTaskEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(CertificationPhaseEntity, { id: input.phaseId, organisationId: context.organisationId }))) {
        throw planErrors.raise('PHASE_NOT_FOUND', `phase ${input.phaseId} does not exist (start the certification project first)`);
      }
      await assertPeopleExist(manager, context.organisationId, [input.ownerId], (id) => planErrors.raise('OWNER_NOT_FOUND', `owner ${id} is not a person of this organisation`));
      return manager.save(
        manager.create(CertificationTaskEntity, {
          organisationId: context.organisationId,
          phaseId: input.phaseId,
          title: input.title.trim(),
          description: input.description.trim(),
          ownerId: input.ownerId ?? null,
          dueDate: input.dueDate ?? null,
          status: 'TODO',
        }),
      );
    });
  }

  async updateTask(input: UpdateCertificationTaskInput, context: EventContext): Promise<CertificationTaskEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const task = await manager.findOneBy(CertificationTaskEntity, { id: input.id, organisationId: context.organisationId });
      if (!task) throw planErrors.raise('TASK_NOT_FOUND', `task ${input.id} does not exist`);
      await assertPeopleExist(manager, context.organisationId, [input.ownerId], (id) => planErrors.raise('OWNER_NOT_FOUND', `owner ${id} is not a person of this organisation`));
      if (input.title) task.title = input.title.trim();
      if (input.ownerId !== undefined) task.ownerId = input.ownerId ?? null;
      if (input.dueDate !== undefined) task.dueDate = input.dueDate ?? null;
      if (input.status && input.status !== task.status) {
        task.completedAt = input.status === 'DONE' ? new Date() : null;
        task.status = input.status;
      }
      return manager.save(task);
    });
  }

  overdue(organisationId: string, asOf: string): Promise<CertificationTaskEntity[]> {
    return this.deps.dataSource
      .getRepository(CertificationTaskEntity)
      .find({ where: { organisationId, status: Not('DONE'), dueDate: LessThan(asOf) }, order: { dueDate: 'ASC', title: 'ASC' } });
  }

  commitments(organisationId: string): Promise<ManagementCommitmentEntity[]> {
    return this.deps.dataSource.getRepository(ManagementCommitmentEntity).find({ where: { organisationId }, order: { decidedOn: 'DESC', createdAt: 'DESC' } });
  }

  async recordCommitment(input: RecordManagementCommitmentInput, recorder: Recorder, context: EventContext): Promise<ManagementCommitmentEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await assertPeopleExist(manager, context.organisationId, [input.sponsorPersonId], (id) => planErrors.raise('SPONSOR_NOT_FOUND', `sponsor ${id} is not a person of this organisation`));
      if (input.decidedOn > today()) throw planErrors.raise('DECIDED_IN_FUTURE', `decidedOn ${input.decidedOn} is in the future: record a decision once it is taken`);
      return manager.save(
        manager.create(ManagementCommitmentEntity, {
          organisationId: context.organisationId,
          sponsorPersonId: input.sponsorPersonId,
          decision: input.decision.trim(),
          decidedOn: input.decidedOn,
          recordedBySub: recorder.sub,
          recordedByName: recorder.name,
        }),
      );
    });
  }
}
