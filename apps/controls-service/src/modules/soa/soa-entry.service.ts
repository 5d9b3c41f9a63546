import { EntityManager, In } from 'typeorm';
import { Envelope, EventData, RiskUpserted, SoaEntryChanged } from '@iso27001/contracts';
import { EventContext, PermanentEventError, ServiceDeps } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { RiskControlLinkEntity } from './risk-control-link.entity';
import { SoaEntryEntity, SoaReason } from './soa-entry.entity';
import { soaErrors } from './soa-entry.errors';
import { SetControlApplicabilityInput } from './soa-entry.input';
import { toSoaEventData } from './soa-entry.mapper';
import { applyRiskLinks, orderReasons, sameState, SoaState } from './soa-entry.recompute';

type RiskUpsertedEvent = Envelope<EventData<typeof RiskUpserted>>;

function stateOf(entry: SoaEntryEntity): SoaState {
  return { applicable: entry.applicable, reasons: orderReasons(entry.reasons), riskIds: [...entry.riskIds], justification: entry.justification };
}

export class SoaEntryService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<SoaEntryEntity[]> {
    return this.deps.dataSource.getRepository(SoaEntryEntity).findBy({ organisationId });
  }

  /** A manual decision: include a control for legal, contractual or business reasons, or exclude it with a justification. */
  async setApplicability(input: SetControlApplicabilityInput, context: EventContext): Promise<SoaEntryEntity> {
    const controlId = input.controlId.trim();
    if (!isAnnexAControlId(controlId)) {
      throw soaErrors.raise('UNKNOWN_CONTROL', `${controlId} is not an ISO/IEC 27001:2022 Annex A control`);
    }
    const justification = input.justification?.trim() || null;
    const requested = orderReasons(input.reasons as SoaReason[]);
    if (!input.applicable && !justification) {
      throw soaErrors.raise('JUSTIFICATION_REQUIRED', `excluding ${controlId} needs a justification`);
    }
    if (!input.applicable && requested.length > 0) {
      throw soaErrors.raise('REASONS_WITHOUT_APPLICABILITY', `a control that is not applicable has no reasons for inclusion (got ${requested.join(', ')})`);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const [entry] = (await this.lockEntries(manager, context.organisationId, [controlId])).values();
      const riskIds = (await this.linkedRisks(manager, context.organisationId, [controlId])).get(controlId) ?? [];
      if (!input.applicable && riskIds.length > 0) {
        throw soaErrors.raise(
          'REQUIRED_BY_RISKS',
          `${controlId} cannot be excluded: the treatment of risk ${riskIds.join(', ')} relies on it (change that treatment first)`,
          { riskIds },
        );
      }
      if (requested.includes('RISK_TREATMENT') && riskIds.length === 0) {
        throw soaErrors.raise('RISK_TREATMENT_NOT_LINKED', `no treated risk links ${controlId}: RISK_TREATMENT follows from risk treatment decisions`);
      }
      const reasons = input.applicable
        ? orderReasons([...requested.filter((reason) => reason !== 'RISK_TREATMENT'), ...(riskIds.length > 0 ? (['RISK_TREATMENT'] as const) : [])])
        : [];
      if (input.applicable && reasons.length === 0) {
        throw soaErrors.raise('REASON_REQUIRED', `including ${controlId} needs a reason (LEGAL, CONTRACTUAL or BUSINESS)`);
      }
      const next: SoaState = { applicable: input.applicable, reasons, riskIds, justification };
      return this.apply(manager, entry, next, context);
    });
  }

  /**
   * Flow 1: replaces the risk's links with its controls while it is an open MODIFY-treated risk (else removes them),
   * then recomputes every affected control. Runs in the consumer's transaction, so the event id, the links, the
   * entries and their SoaEntryChanged events commit together.
   */
  async applyRiskUpserted(manager: EntityManager, event: RiskUpsertedEvent): Promise<void> {
    const { data, organisationId } = event;
    if (data.id !== event.subjectId) throw new PermanentEventError(`subjectId ${event.subjectId} is not the risk id ${data.id}`);
    const wanted = data.treatment === 'MODIFY' && data.status === 'OPEN' ? [...new Set(data.controlIds)] : [];
    const unknown = wanted.filter((id) => !isAnnexAControlId(id));
    if (unknown.length > 0) throw new PermanentEventError(`risk ${data.id} links controls that are not in Annex A: ${unknown.join(', ')}`);

    const links = manager.getRepository(RiskControlLinkEntity);
    const previous = (await links.findBy({ organisationId, riskId: data.id })).map((link) => link.controlId);
    const affected = [...new Set([...previous, ...wanted])].sort();
    if (affected.length === 0) return;

    const entries = await this.lockEntries(manager, organisationId, affected);
    await links.delete({ organisationId, riskId: data.id });
    if (wanted.length > 0) {
      await links.insert(wanted.map((controlId) => ({ organisationId, riskId: data.id, controlId, treatment: 'MODIFY' as const })));
    }
    const linked = await this.linkedRisks(manager, organisationId, affected);
    const context: EventContext = { organisationId, actor: event.actor, correlationId: event.correlationId, causationId: event.id };
    for (const controlId of affected) {
      const entry = entries.get(controlId);
      if (!entry) throw new Error(`soa_entry ${controlId} was not locked`);
      await this.apply(manager, entry, applyRiskLinks(stateOf(entry), linked.get(controlId) ?? []), context);
    }
  }

  /** Saves the new state and records SoaEntryChanged, unless nothing changed. */
  private async apply(manager: EntityManager, entry: SoaEntryEntity, next: SoaState, context: EventContext): Promise<SoaEntryEntity> {
    if (sameState(stateOf(entry), next)) return entry;
    Object.assign(entry, next);
    const saved = await manager.save(SoaEntryEntity, entry);
    await this.deps.outbox.record(manager, SoaEntryChanged, saved.controlId, toSoaEventData(saved), context);
    return saved;
  }

  /** Creates missing entries and locks them, in control-id order so concurrent writers cannot deadlock. */
  private async lockEntries(manager: EntityManager, organisationId: string, controlIds: string[]): Promise<Map<string, SoaEntryEntity>> {
    const sorted = [...new Set(controlIds)].sort();
    await manager
      .createQueryBuilder()
      .insert()
      .into(SoaEntryEntity)
      .values(sorted.map((controlId) => ({ organisationId, controlId })))
      .orIgnore()
      .execute();
    const rows = await manager
      .getRepository(SoaEntryEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.organisation_id = :organisationId AND e.control_id IN (:...controlIds)', { organisationId, controlIds: sorted })
      .orderBy('e.control_id', 'ASC')
      .getMany();
    return new Map(rows.map((row) => [row.controlId, row]));
  }

  /** The MODIFY-treated risks linking each control. */
  private async linkedRisks(manager: EntityManager, organisationId: string, controlIds: string[]): Promise<Map<string, string[]>> {
    const links = await manager.getRepository(RiskControlLinkEntity).findBy({ organisationId, controlId: In(controlIds), treatment: 'MODIFY' });
    const byControl = new Map<string, string[]>();
    for (const link of links) byControl.set(link.controlId, [...(byControl.get(link.controlId) ?? []), link.riskId].sort());
    return byControl;
  }
}
