import { EntityManager, In } from 'typeorm';
import { Envelope, EventData, RiskUpserted, SoaEntryChanged } from '@iso27001/contracts';
import { EventContext, PermanentEventError, ServiceDeps } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { RiskControlLinkEntity } from './risk-control-link.entity';
import { SoaEntryEntity, SoaReason } from './soa-entry.entity';
import { soaErrors } from './soa-entry.errors';
import { CarryOverSoa2013Input, SetControlApplicabilityInput, UpdateSoaEntryInput } from './soa-entry.input';
import { toSnapshotEntry, toSoaEventData } from './soa-entry.mapper';
import { libraryMapping2013 } from '../catalogue/control.attributes';
import { CarryOverPlan, planCarryOver } from './soa-carry-over';
import { SoaChangeEntity } from './soa-change.entity';
import { SoaSnapshotEntry } from './soa-version.entity';
import { diffSnapshots } from './soa-version.diff';
import { applyRiskLinks, orderReasons, sameState, SoaState } from './soa-entry.recompute';
import { PersonService } from '../people/person.service';

type RiskUpsertedEvent = Envelope<EventData<typeof RiskUpserted>>;

function stateOf(entry: SoaEntryEntity): SoaState {
  return { applicable: entry.applicable, reasons: orderReasons(entry.reasons), riskIds: [...entry.riskIds], justification: entry.justification };
}

export class SoaEntryService {
  private readonly people: PersonService;

  constructor(private readonly deps: ServiceDeps) {
    this.people = new PersonService(deps);
  }

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
      const summary = input.applicable ? `included (${reasons.join(', ')})` : `excluded: ${justification}`;
      return this.apply(manager, entry, next, context, input.changeReason?.trim() || summary);
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
      const reason = `risk treatment: risk ${data.id} (${data.title}) ${wanted.includes(controlId) ? 'relies on' : 'no longer relies on'} the control`;
      await this.apply(manager, entry, applyRiskLinks(stateOf(entry), linked.get(controlId) ?? []), context, reason);
    }
  }

  /** Saves the new state, logs the change with its reason and records SoaEntryChanged, unless nothing changed. */
  private async apply(manager: EntityManager, entry: SoaEntryEntity, next: SoaState, context: EventContext, reason: string): Promise<SoaEntryEntity> {
    if (sameState(stateOf(entry), next)) return entry;
    const before = toSnapshotEntry(entry.controlId, entry);
    Object.assign(entry, next);
    return this.save(manager, entry, before, context, reason);
  }

  private async save(manager: EntityManager, entry: SoaEntryEntity, before: SoaSnapshotEntry, context: EventContext, reason: string): Promise<SoaEntryEntity> {
    const saved = await manager.save(SoaEntryEntity, entry);
    const fields = diffSnapshots([before], [toSnapshotEntry(saved.controlId, saved)]).flatMap((diff) => diff.changes.map((change) => change.field));
    await manager.insert(SoaChangeEntity, { organisationId: context.organisationId, controlId: saved.controlId, actor: context.actor, reason, fields });
    await this.deps.outbox.record(manager, SoaEntryChanged, saved.controlId, toSoaEventData(saved), context);
    return saved;
  }

  /** Implementation status, owners, policies and evidence of an entry; fields left out stay. Nothing changed: nothing written. */
  async updateDetails(input: UpdateSoaEntryInput, context: EventContext): Promise<SoaEntryEntity> {
    const controlId = input.controlId.trim();
    if (!isAnnexAControlId(controlId)) {
      throw soaErrors.raise('UNKNOWN_CONTROL', `${controlId} is not an ISO/IEC 27001:2022 Annex A control`);
    }
    const reason = input.changeReason.trim();
    if (!reason) throw soaErrors.raise('CHANGE_REASON_REQUIRED', `changing the SoA entry of ${controlId} needs a reason for the change`);
    const duplicates = (ids: string[] | null | undefined) => (ids ?? []).filter((id, index, all) => all.indexOf(id) !== index);
    for (const [name, ids] of [['ownerIds', input.ownerIds], ['policyIds', input.policyIds], ['evidenceIds', input.evidenceIds]] as const) {
      const repeated = duplicates(ids);
      if (repeated.length > 0) throw soaErrors.raise('DUPLICATE_IDS', `${name} lists ${[...new Set(repeated)].join(', ')} more than once`);
    }
    if (input.ownerIds) {
      // Waits for people created a moment ago before any row is locked; checked again under the lock below.
      const stored = await this.deps.dataSource.getRepository(SoaEntryEntity).findOneBy({ organisationId: context.organisationId, controlId });
      await this.requireOwners(this.deps.dataSource.manager, context.organisationId, input.ownerIds, stored?.ownerIds ?? []);
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const [entry] = (await this.lockEntries(manager, context.organisationId, [controlId])).values();
      if (input.implementationStatus && input.implementationStatus !== 'NOT_STARTED' && !entry.applicable) {
        throw soaErrors.raise('NOT_APPLICABLE', `${controlId} is not applicable: include it before recording its implementation (${input.implementationStatus})`);
      }
      const before = toSnapshotEntry(controlId, entry);
      if (input.implementationStatus) entry.implementationStatus = input.implementationStatus;
      if (input.ownerIds) {
        await this.requireOwners(manager, context.organisationId, input.ownerIds, entry.ownerIds, 0);
        entry.ownerIds = [...input.ownerIds];
        entry.ownerId = input.ownerIds[0] ?? null;
      }
      if (input.policyIds) entry.policyIds = [...input.policyIds];
      if (input.evidenceIds) entry.evidenceIds = [...input.evidenceIds];
      if (diffSnapshots([before], [toSnapshotEntry(controlId, entry)]).length === 0) return entry;
      return this.save(manager, entry, before, context, reason);
    });
  }

  /** Refuses owners being added who are not active people of the organisation; owners the entry already has stay. */
  private async requireOwners(manager: EntityManager, organisationId: string, ownerIds: string[], current: string[], waitMs?: number): Promise<void> {
    const refused = await this.people.refusedOwners(manager, organisationId, ownerIds, current, waitMs);
    if (refused.length > 0) {
      throw soaErrors.raise('UNKNOWN_PERSON', `ownerIds: not active people of the organisation (as known from isms-service): ${refused.join(', ')}`, {
        field: 'ownerIds',
        personIds: refused,
      });
    }
  }

  /** Proposes (and with `apply`, writes in one transaction) the 2022 entries carried over from a 2013 SoA. */
  async carryOver2013(input: CarryOverSoa2013Input, context: EventContext): Promise<{ plan: CarryOverPlan; applied: boolean }> {
    if (input.inclusionReason === 'RISK_TREATMENT') {
      throw soaErrors.raise('RISK_TREATMENT_NOT_LINKED', 'carried-over inclusions are LEGAL, CONTRACTUAL or BUSINESS: RISK_TREATMENT follows from risk treatment decisions');
    }
    const plan = planCarryOver(input.entries, libraryMapping2013);
    return this.deps.dataSource.transaction(async (manager) => {
      const excluded = plan.proposals.filter((proposal) => !proposal.applicable).map((proposal) => proposal.controlId);
      const linked = excluded.length > 0 ? await this.linkedRisks(manager, context.organisationId, excluded) : new Map<string, string[]>();
      for (const [controlId, riskIds] of linked) {
        const proposal = plan.proposals.find((candidate) => candidate.controlId === controlId);
        plan.proposals = plan.proposals.filter((candidate) => candidate.controlId !== controlId);
        plan.conflicts.push({
          controlId,
          sources: (proposal?.sources ?? []).map((control2013Id) => ({ control2013Id, applicable: false })),
          message: `excluded in 2013, but the treatment of risk ${riskIds.join(', ')} relies on it`,
        });
      }
      if (!input.apply) return { plan, applied: false };
      if (plan.conflicts.length > 0 || plan.unknown2013Ids.length > 0) {
        throw soaErrors.raise(
          'CARRY_OVER_CONFLICTS',
          `the carry-over was not applied: ${plan.conflicts.length} conflict(s)` +
            (plan.unknown2013Ids.length > 0 ? ` and unknown 2013 controls ${plan.unknown2013Ids.join(', ')}` : '') +
            ' (resolve them in the 2013 list, or propose first to see them)',
          { conflicts: plan.conflicts.map((conflict) => conflict.controlId), unknown2013Ids: plan.unknown2013Ids },
        );
      }
      const entries = await this.lockEntries(manager, context.organisationId, plan.proposals.map((proposal) => proposal.controlId));
      const risks = await this.linkedRisks(manager, context.organisationId, plan.proposals.map((proposal) => proposal.controlId));
      for (const proposal of plan.proposals) {
        const entry = entries.get(proposal.controlId);
        if (!entry) throw new Error(`soa_entry ${proposal.controlId} was not locked`);
        const riskIds = risks.get(proposal.controlId) ?? [];
        const reasons: SoaReason[] = proposal.applicable ? orderReasons([input.inclusionReason as SoaReason, ...(riskIds.length > 0 ? (['RISK_TREATMENT'] as const) : [])]) : [];
        await this.apply(manager, entry, { applicable: proposal.applicable, reasons, riskIds, justification: proposal.justification }, context, `carried over from the 2013 SoA (${proposal.sources.join(', ')})`);
      }
      return { plan, applied: true };
    });
  }

  /** Creates missing entries and locks them (used by publishing to freeze the SoA while it is snapshotted), in control-id order so concurrent writers cannot deadlock. */
  async lockEntries(manager: EntityManager, organisationId: string, controlIds: string[]): Promise<Map<string, SoaEntryEntity>> {
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
