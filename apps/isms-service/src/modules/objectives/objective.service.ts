import { In } from 'typeorm';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { assertPeopleExist } from '../shared/people-check';
import { ObjectiveEntity, ObjectiveMeasurementEntity } from './objective.entity';
import { objectiveErrors } from './objective.errors';
import { CreateObjectiveInput, RecordObjectiveMeasurementInput, SetObjectiveStatusInput } from './objective.input';

/** Measurements a few minutes ahead of the server clock are tolerated (clock skew); later ones are refused. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export class ObjectiveService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<ObjectiveEntity[]> {
    return this.deps.dataSource.getRepository(ObjectiveEntity).find({ where: { organisationId }, order: { title: 'ASC', id: 'ASC' } });
  }

  get(organisationId: string, id: string): Promise<ObjectiveEntity | null> {
    return this.deps.dataSource.getRepository(ObjectiveEntity).findOneBy({ organisationId, id });
  }

  /** The history of many objectives in one query (oldest first). */
  historyOf(organisationId: string, objectiveIds: readonly string[]): Promise<ObjectiveMeasurementEntity[]> {
    return this.deps.dataSource
      .getRepository(ObjectiveMeasurementEntity)
      .find({ where: { organisationId, objectiveId: In([...objectiveIds]) }, order: { measuredAt: 'ASC', createdAt: 'ASC' } });
  }

  async create(input: CreateObjectiveInput, context: EventContext): Promise<ObjectiveEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await assertPeopleExist(manager, context.organisationId, [input.ownerId], (id) => objectiveErrors.raise('OWNER_NOT_FOUND', `owner ${id} is not a person of this organisation`));
      const repository = manager.getRepository(ObjectiveEntity);
      return repository.save(
        repository.create({
          organisationId: context.organisationId,
          title: input.title.trim(),
          description: input.description.trim(),
          metric: input.metric.trim(),
          targetValue: input.targetValue,
          unit: input.unit.trim(),
          direction: input.direction,
          ownerId: input.ownerId ?? null,
          dueDate: input.dueDate ?? null,
          status: 'PLANNED',
        }),
      );
    });
  }

  async setStatus(input: SetObjectiveStatusInput, context: EventContext): Promise<ObjectiveEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const objective = await manager.findOneBy(ObjectiveEntity, { id: input.id, organisationId: context.organisationId });
      if (!objective) throw objectiveErrors.raise('OBJECTIVE_NOT_FOUND', `objective ${input.id} does not exist`);
      objective.status = input.status;
      return manager.save(objective);
    });
  }

  async record(input: RecordObjectiveMeasurementInput, context: EventContext): Promise<ObjectiveEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      const objective = await manager.findOneBy(ObjectiveEntity, { id: input.objectiveId, organisationId: context.organisationId });
      if (!objective) throw objectiveErrors.raise('OBJECTIVE_NOT_FOUND', `objective ${input.objectiveId} does not exist`);
      if (objective.status === 'CANCELLED') throw objectiveErrors.raise('OBJECTIVE_CLOSED', `objective "${objective.title}" is cancelled; measurements are no longer recorded`);
      if (input.measuredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
        throw objectiveErrors.raise('MEASUREMENT_IN_FUTURE', `measuredAt ${input.measuredAt.toISOString()} is in the future`);
      }
      await manager.insert(ObjectiveMeasurementEntity, {
        organisationId: context.organisationId,
        objectiveId: objective.id,
        value: input.value,
        measuredAt: input.measuredAt,
        note: input.note?.trim() || null,
        recordedBy: context.actor,
      });
      if (objective.status === 'PLANNED') {
        objective.status = 'IN_PROGRESS';
        await manager.save(objective);
      }
      return objective;
    });
  }
}
