import { EntityManager } from 'typeorm';
import { ControlImplementationChanged, Envelope, EventData, SoaEntryChanged } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceRequestService } from '../requests/evidence-request.service';
import { ControlImplementationReplicaEntity, SoaApplicabilityReplicaEntity } from './implementation-replica.entity';

/**
 * Serialises the handling of one control's SoA and implementation events: they arrive on different topics and may be
 * handled at the same moment, and each must see what the other committed (else an implementation and its control
 * becoming applicable, handled side by side, would each wait for the other and open nothing).
 */
async function lockControl(manager: EntityManager, organisationId: string, controlId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`evidence-requests:${organisationId}:${controlId}`]);
}

function contextOf(envelope: Envelope<unknown>): EventContext {
  return { organisationId: envelope.organisationId, actor: envelope.actor, correlationId: envelope.correlationId, causationId: envelope.id };
}

/**
 * Keeps the replicas of controls-service's implementations and applicability, and opens, re-assigns and cancels
 * evidence requests as they change (flow 2). Events older than what the replica holds change nothing.
 */
export class ImplementationReplicaService {
  private readonly requests: EvidenceRequestService;

  constructor(deps: ServiceDeps) {
    this.requests = new EvidenceRequestService(deps);
  }

  async applySoaEntry(manager: EntityManager, envelope: Envelope<EventData<typeof SoaEntryChanged>>): Promise<void> {
    const { organisationId } = envelope;
    const { controlId, applicable, ownerId } = envelope.data;
    await lockControl(manager, organisationId, controlId);
    const at = new Date(envelope.occurredAt);
    const repository = manager.getRepository(SoaApplicabilityReplicaEntity);
    const before = await repository.findOne({ where: { organisationId, controlId }, lock: { mode: 'pessimistic_write' } });
    if (before && before.changedAt > at) return;
    await repository.save({ organisationId, controlId, applicable, ownerId: ownerId?.toLowerCase() ?? null, changedAt: at });
    const context = contextOf(envelope);
    if (!applicable) {
      if (before?.applicable) await this.requests.cancel(manager, { organisationId, controlId }, 'control no longer applicable in the SoA', context);
      return;
    }
    if (!before?.applicable) {
      for (const implementation of await this.requests.implementationsOfApplicable(manager, organisationId, controlId)) {
        await this.requests.openForImplementation(manager, implementation, context);
      }
      return;
    }
    if ((before.ownerId ?? null) !== (ownerId?.toLowerCase() ?? null)) {
      // The control's owner stands in for departments whose implementation names nobody.
      await this.requests.reassign(manager, { organisationId, controlId, onlyUnowned: true }, ownerId?.toLowerCase() ?? null, context);
    }
  }

  async applyImplementation(manager: EntityManager, envelope: Envelope<EventData<typeof ControlImplementationChanged>>): Promise<void> {
    const { organisationId } = envelope;
    const { id, controlId, unitId, ownerId, removed } = envelope.data;
    await lockControl(manager, organisationId, controlId);
    const at = new Date(envelope.occurredAt);
    const repository = manager.getRepository(ControlImplementationReplicaEntity);
    const before = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (before && before.changedAt > at) return;
    const owner = ownerId?.toLowerCase() ?? null;
    await repository.save({ id, organisationId, controlId, unitId: unitId.toLowerCase(), ownerId: owner, removed, changedAt: at });
    const context = contextOf(envelope);
    if (removed) {
      if (before && !before.removed) await this.requests.cancel(manager, { organisationId, controlId, unitId }, 'implementation removed from the department', context);
      return;
    }
    const implementation = (await this.requests.implementationsOfApplicable(manager, organisationId, controlId)).find((candidate) => candidate.id === id);
    if (!implementation) return; // not applicable: requests open when it becomes so
    if (before && !before.removed && (before.ownerId ?? null) !== owner) {
      await this.requests.reassign(manager, { organisationId, controlId, unitId }, implementation.assigneeId, context);
    }
    // New (or back) in the department, or its owner changed: open what is missing; existing ones are not duplicated.
    await this.requests.openForImplementation(manager, implementation, context);
  }
}
