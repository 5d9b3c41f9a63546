import { AssignmentChanged, PolicyAcknowledged } from '@iso27001/contracts';
import { on } from '@iso27001/platform';
import { PolicyAcknowledgementReplicaEntity, TrainingAssignmentReplicaEntity } from '../training-replica.entity';

/** Flow 4: training-service's assignment states, kept here so the awareness collector can count completions. */
export function assignmentChangedHandler() {
  return on(AssignmentChanged, async (event, manager) => {
    const repository = manager.getRepository(TrainingAssignmentReplicaEntity);
    const at = new Date(event.occurredAt);
    const before = await repository.findOne({ where: { organisationId: event.organisationId, assignmentId: event.data.id }, lock: { mode: 'pessimistic_write' } });
    if (before && before.changedAt > at) return; // an older state arriving late changes nothing
    await repository.save({
      organisationId: event.organisationId,
      assignmentId: event.data.id,
      courseId: event.data.courseId,
      personId: event.data.personId,
      status: event.data.status,
      dueOn: event.data.dueOn,
      completedAt: event.data.completedAt ? new Date(event.data.completedAt) : null,
      changedAt: at,
    });
  });
}

/** Flow 4: each acknowledgement of a policy version, for the acknowledgement evidence. */
export function policyAcknowledgedHandler() {
  return on(PolicyAcknowledged, async (event, manager) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PolicyAcknowledgementReplicaEntity)
      .values({
        organisationId: event.organisationId,
        acknowledgementId: event.data.id,
        policyId: event.data.policyId,
        versionId: event.data.versionId,
        version: event.data.version,
        personId: event.data.personId,
        acknowledgedAt: new Date(event.data.acknowledgedAt),
      })
      .orIgnore()
      .execute();
  });
}
