import { EntityManager, In } from 'typeorm';
import { ControlOperatingStatusChanged, Envelope, EventData, EvidenceItemChanged, FindingRaised } from '@iso27001/contracts';
import { EventContext, PermanentEventError, ServiceDeps } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { operatingVerdict } from './operating-status.compute';
import { ControlEvidenceEntity } from './control-evidence.entity';
import { ControlFindingEntity } from './control-finding.entity';
import { OperatingStatusEntity } from './operating-status.entity';

type EvidenceEvent = Envelope<EventData<typeof EvidenceItemChanged>>;
type FindingEvent = Envelope<EventData<typeof FindingRaised>>;

function contextOf(event: Envelope<unknown>): EventContext {
  return { organisationId: event.organisationId, actor: event.actor, correlationId: event.correlationId, causationId: event.id };
}

/**
 * Flows 3 and 5: keeps each control's operating status current from evidence (approved, expired) and audit findings
 * (open/closed nonconformities). Runs in the consumer's transaction: replica rows, status and event commit together.
 */
export class OperatingStatusService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * An evidence event carries the item's full state: every control it is mapped to (`controlIds`, or the single
   * `controlId` of older producers). The item's rows are replaced by one per control, and every control it named
   * before or names now is recomputed. Which states count is `operatingVerdict`'s: only APPROVED evidence still valid
   * makes a control EFFECTIVE; COLLECTED (also a newer version awaiting review, which supersedes an approved one),
   * REJECTED and EXPIRED do not.
   */
  async applyEvidence(manager: EntityManager, event: EvidenceEvent): Promise<void> {
    const { data, organisationId } = event;
    const controlIds = [...new Set(data.controlIds ?? (data.controlId === null ? [] : [data.controlId]))].sort();
    const unknown = controlIds.filter((id) => !isAnnexAControlId(id));
    if (unknown.length > 0) {
      throw new PermanentEventError(`evidence ${data.id} names ${unknown.join(', ')}, which ${unknown.length === 1 ? 'is not an Annex A control' : 'are not Annex A controls'}`);
    }
    const occurredAt = new Date(event.occurredAt);
    // The last state applied for this item: an older one delivered late changes nothing.
    const [seen]: { changed_at: Date }[] = await manager.query(
      'SELECT changed_at FROM control_evidence_seen WHERE organisation_id = $1 AND evidence_id = $2 FOR UPDATE',
      [organisationId, data.id],
    );
    if (seen && seen.changed_at > occurredAt) return;
    await manager.query(
      `INSERT INTO control_evidence_seen (organisation_id, evidence_id, changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, evidence_id) DO UPDATE SET changed_at = EXCLUDED.changed_at`,
      [organisationId, data.id, occurredAt],
    );
    const repository = manager.getRepository(ControlEvidenceEntity);
    const previous = await repository.findBy({ organisationId, evidenceId: data.id });
    const affected = new Set<string>([...previous.map((row) => row.controlId), ...controlIds]);
    const dropped = previous.filter((row) => !controlIds.includes(row.controlId)).map((row) => row.controlId);
    if (dropped.length > 0) await repository.delete({ organisationId, evidenceId: data.id, controlId: In(dropped) });
    if (controlIds.length > 0) {
      await repository.save(
        controlIds.map((controlId) => ({ organisationId, evidenceId: data.id, controlId, status: data.status, validUntil: data.validUntil, changedAt: occurredAt })),
      );
    }
    await this.recompute(manager, organisationId, [...affected], occurredAt, contextOf(event));
  }

  async applyFinding(manager: EntityManager, event: FindingEvent): Promise<void> {
    const { data, organisationId } = event;
    if (data.controlId !== null && !isAnnexAControlId(data.controlId)) {
      throw new PermanentEventError(`finding ${data.id} names ${data.controlId}, which is not an Annex A control`);
    }
    const repository = manager.getRepository(ControlFindingEntity);
    const previous = await repository.findOneBy({ organisationId, findingId: data.id });
    const occurredAt = new Date(event.occurredAt);
    if (previous && previous.changedAt > occurredAt) return;
    const affected = new Set<string>();
    if (previous) affected.add(previous.controlId);
    if (data.controlId === null) {
      if (previous) await repository.delete({ organisationId, findingId: data.id });
    } else {
      affected.add(data.controlId);
      await repository.save({ organisationId, findingId: data.id, controlId: data.controlId, severity: data.severity, status: data.status, changedAt: occurredAt });
    }
    await this.recompute(manager, organisationId, [...affected], occurredAt, contextOf(event));
  }

  /** Current statuses of the given controls (all controls when omitted) in one query. */
  async statuses(organisationId: string, controlIds?: readonly string[]): Promise<Map<string, OperatingStatusEntity>> {
    const rows = await this.deps.dataSource
      .getRepository(OperatingStatusEntity)
      .findBy(controlIds ? { organisationId, controlId: In([...controlIds]) } : { organisationId });
    return new Map(rows.map((row) => [row.controlId, row]));
  }

  private async recompute(manager: EntityManager, organisationId: string, controlIds: string[], at: Date, context: EventContext): Promise<void> {
    if (controlIds.length === 0) return;
    const sorted = [...controlIds].sort();
    // Lock the status rows (creating missing ones as a placeholder) in id order: concurrent partitions cannot interleave.
    await manager.query(
      `INSERT INTO control_operating_status (organisation_id, control_id, status, reason, since)
       SELECT $1, unnest($2::text[]), 'EVIDENCE_MISSING', '', 'epoch' ON CONFLICT DO NOTHING`,
      [organisationId, sorted],
    );
    const locked = await manager
      .getRepository(OperatingStatusEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.organisation_id = :organisationId AND s.control_id IN (:...sorted)', { organisationId, sorted })
      .orderBy('s.control_id')
      .getMany();
    const evidence = await manager.getRepository(ControlEvidenceEntity).findBy({ organisationId, controlId: In(sorted) });
    const findings = await manager.getRepository(ControlFindingEntity).findBy({ organisationId, controlId: In(sorted) });
    const today = new Date().toISOString().slice(0, 10);
    for (const row of locked) {
      const verdict = operatingVerdict(
        evidence.filter((item) => item.controlId === row.controlId).map((item) => ({ evidenceId: item.evidenceId, status: item.status, validUntil: item.validUntil })),
        findings.filter((item) => item.controlId === row.controlId).map((item) => ({ findingId: item.findingId, severity: item.severity, status: item.status })),
        today,
      );
      const placeholder = row.reason === '';
      if (!placeholder && row.status === verdict.status && row.reason === verdict.reason) continue;
      const previousStatus = placeholder ? null : row.status;
      const since = previousStatus === verdict.status ? row.since : at;
      await manager.update(OperatingStatusEntity, { organisationId, controlId: row.controlId }, { status: verdict.status, reason: verdict.reason, since });
      if (previousStatus !== verdict.status) {
        await this.deps.outbox.record(
          manager,
          ControlOperatingStatusChanged,
          row.controlId,
          { controlId: row.controlId, status: verdict.status, previousStatus, reason: verdict.reason, since: since.toISOString() },
          context,
        );
      }
    }
  }
}
