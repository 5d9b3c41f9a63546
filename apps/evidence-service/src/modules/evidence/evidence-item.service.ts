import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Access, Claims, grantPeriod, scopeFilter } from '@iso27001/authz';
import { EvidenceItemChanged } from '@iso27001/contracts';
import { EventContext, findByIds, ServiceDeps } from '@iso27001/platform';
import { EvidenceHistoryAction, EvidenceHistoryEntity } from './evidence-history.entity';
import { EvidenceItemEntity, EvidenceSource } from './evidence-item.entity';
import { evidenceItemErrors } from './evidence-item.errors';
import { AddEvidenceInput, AddEvidenceVersionInput, EvidenceContentInput, EvidenceFilterInput, MapEvidenceInput, ReviewEvidenceInput } from './evidence-item.input';
import { EvidenceMappings, NO_MAPPINGS, toEvidenceEventData } from './evidence-item.mapper';
import {
  assertDatesInOrder,
  assertMapped,
  assertNotInFuture,
  canonicalJson,
  dayOf,
  MAX_PROVENANCE_BYTES,
  MAX_RECORD_BYTES,
  normaliseMappings,
  sha256Hex,
  validLink,
} from './evidence-item.rules';
import { assertMayChange, assertMayCollectIn, mayRead, withinReach } from './evidence-item.scope';
import { EvidenceMappingEntity } from './evidence-mapping.entity';
import { EvidenceVersionEntity } from './evidence-version.entity';

/** The caller of a request: who they are and what they reach. */
export interface Caller {
  claims: Claims;
  access: Access;
}

export interface EvidencePage {
  nodes: EvidenceItemEntity[];
  totalCount: number;
  mappings: Map<string, EvidenceMappings>;
}

interface EvidenceTallyRow {
  n: string;
}

type VersionContent = Pick<EvidenceVersionEntity, 'kind' | 'fileId' | 'url' | 'payload' | 'assertionPassed' | 'provenance' | 'sha256'>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export class EvidenceItemService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A page of the items within the caller's reach matching the filter, newest first, with the total over all pages. */
  page(caller: Caller, filter: EvidenceFilterInput | null | undefined, page: { first: number; offset: number }): Promise<EvidencePage> {
    const wanted = filter ?? {};
    return this.run(this.newestFirst(this.filtered(caller, wanted)), page, this.tallied(caller, wanted) ?? this.mappingCount(caller, wanted));
  }

  /** Collected evidence awaiting review, oldest first (the review queue). */
  reviewQueue(caller: Caller, page: { first: number; offset: number }): Promise<EvidencePage> {
    const query = this.filtered(caller, { status: 'COLLECTED' as never }).query.orderBy('e.collected_at', 'ASC').addOrderBy('e.id', 'ASC');
    return this.run(query, page, this.tallied(caller, { status: 'COLLECTED' as never }));
  }

  /** Approved evidence whose validity ends within `withinDays` days from today (or has already ended), soonest first. */
  expiring(caller: Caller, withinDays: number, page: { first: number; offset: number }, today = dayOf(new Date())): Promise<EvidencePage> {
    const query = this.filtered(caller, { status: 'APPROVED' as never })
      .query.andWhere(`e.valid_until <= :today::date + :withinDays::int`, { today, withinDays })
      .orderBy('e.valid_until', 'ASC')
      .addOrderBy('e.id', 'ASC');
    return this.run(query, page, null);
  }

  /** One item if the caller may read it. */
  async one(caller: Caller, id: string): Promise<EvidenceItemEntity | null> {
    const [item] = await this.byIds(caller.claims.organisationId, [id]);
    return item && mayRead(caller.claims, caller.access, item) ? item : null;
  }

  byIds(organisationId: string, ids: readonly string[]): Promise<EvidenceItemEntity[]> {
    return findByIds(this.deps.dataSource.getRepository(EvidenceItemEntity), { organisationId }, ids);
  }

  /** The controls and clauses of each item, in one query. */
  async mappingsOf(organisationId: string, ids: readonly string[], manager: EntityManager = this.deps.dataSource.manager): Promise<Map<string, EvidenceMappings>> {
    const result = new Map<string, EvidenceMappings>(ids.map((id) => [id, { controlIds: [], clauses: [] }]));
    if (ids.length === 0) return result;
    const rows = await manager
      .getRepository(EvidenceMappingEntity)
      .find({ where: { organisationId, evidenceId: In([...ids]) }, order: { kind: 'ASC', ref: 'ASC' } });
    for (const row of rows) {
      const mappings = result.get(row.evidenceId);
      if (!mappings) continue;
      (row.kind === 'CONTROL' ? mappings.controlIds : mappings.clauses).push(row.ref);
    }
    for (const mappings of result.values()) {
      mappings.controlIds.sort();
      mappings.clauses.sort();
    }
    return result;
  }

  /** The versions of each item, newest first; an external auditor gets only versions that were accepted. */
  async versionsOf(claims: Claims, ids: readonly string[]): Promise<EvidenceVersionEntity[]> {
    const query = this.deps.dataSource
      .getRepository(EvidenceVersionEntity)
      .createQueryBuilder('v')
      .where('v.organisation_id = :organisationId AND v.evidence_id IN (:...ids)', { organisationId: claims.organisationId, ids: [...ids] });
    if (grantPeriod(claims)) query.andWhere(`v.decision = 'APPROVED'`);
    return query.orderBy('v.evidence_id').addOrderBy('v.number', 'DESC').getMany();
  }

  /** What happened to each item, in order. */
  historyOf(organisationId: string, ids: readonly string[]): Promise<EvidenceHistoryEntity[]> {
    return this.deps.dataSource.getRepository(EvidenceHistoryEntity).find({ where: { organisationId, evidenceId: In([...ids]) }, order: { id: 'ASC' } });
  }

  /** Records new evidence with its first version and its mappings, in a unit the caller reaches. */
  async add(input: AddEvidenceInput, caller: Caller, context: EventContext): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    const now = new Date();
    const mappings = normaliseMappings(input.controlIds ?? [], input.clauses ?? []);
    assertMapped(mappings);
    const collectedAt = input.collectedAt ?? now;
    assertNotInFuture(collectedAt, now);
    const dates = {
      effectiveDate: input.effectiveDate ?? dayOf(collectedAt),
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      validUntil: input.validUntil ?? null,
    };
    assertDatesInOrder(dates);
    const content = this.contentOf(input.content);
    assertMayCollectIn(caller.access, input.unitId);
    return this.deps.dataSource.transaction(async (manager) => {
      await this.assertFileUsable(manager, content, caller.claims);
      const repository = manager.getRepository(EvidenceItemEntity);
      const item = await repository.save(
        repository.create({
          organisationId: context.organisationId,
          unitId: input.unitId.toLowerCase(),
          title: input.title.trim(),
          description: input.description?.trim() || null,
          source: (input.source ?? 'MANUAL') as EvidenceSource,
          collectedAt,
          collectedBy: caller.claims.sub,
          ...dates,
          status: 'COLLECTED',
          currentVersion: 1,
          reviewedBy: null,
          reviewedAt: null,
          reviewReason: null,
        }),
      );
      await this.saveVersion(manager, item, 1, content);
      await manager.getRepository(EvidenceMappingEntity).insert([
        ...mappings.controlIds.map((ref) => ({ organisationId: item.organisationId, evidenceId: item.id, kind: 'CONTROL' as const, ref, mappedBy: caller.claims.sub, mappedAt: now })),
        ...mappings.clauses.map((ref) => ({ organisationId: item.organisationId, evidenceId: item.id, kind: 'CLAUSE' as const, ref, mappedBy: caller.claims.sub, mappedAt: now })),
      ]);
      await this.history(manager, item, caller.claims.sub, 'ADDED', 1, `${content.kind.toLowerCase()}; mapped to ${[...mappings.controlIds, ...mappings.clauses].join(', ')}`);
      await this.deps.outbox.record(manager, EvidenceItemChanged, item.id, toEvidenceEventData(item, mappings), context);
      return { item, mappings };
    });
  }

  /**
   * A new version supersedes the current one (kept as history, status SUPERSEDED): the item is COLLECTED again and
   * counts for its controls only once the new version is accepted, because the current evidence is what is reviewed.
   */
  async addVersion(input: AddEvidenceVersionInput, caller: Caller, context: EventContext): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    const now = new Date();
    const collectedAt = input.collectedAt ?? now;
    assertNotInFuture(collectedAt, now);
    const content = this.contentOf(input.content);
    return this.deps.dataSource.transaction(async (manager) => {
      const item = await this.locked(manager, context.organisationId, input.evidenceId, caller);
      const dates = {
        effectiveDate: input.effectiveDate ?? dayOf(collectedAt),
        periodStart: input.periodStart !== undefined ? input.periodStart : item.periodStart,
        periodEnd: input.periodEnd !== undefined ? input.periodEnd : item.periodEnd,
        validUntil: input.validUntil !== undefined ? input.validUntil : item.validUntil,
      };
      assertDatesInOrder(dates);
      await this.assertFileUsable(manager, content, caller.claims);
      await manager.update(
        EvidenceVersionEntity,
        { organisationId: item.organisationId, evidenceId: item.id, number: item.currentVersion },
        { status: 'SUPERSEDED', supersededAt: now },
      );
      const number = item.currentVersion + 1;
      await this.saveVersion(manager, item, number, content, collectedAt, caller.claims.sub);
      Object.assign(item, { ...dates, collectedAt, collectedBy: caller.claims.sub, status: 'COLLECTED', currentVersion: number, reviewedBy: null, reviewedAt: null, reviewReason: null });
      const saved = await manager.getRepository(EvidenceItemEntity).save(item);
      await this.history(manager, saved, caller.claims.sub, 'VERSION_ADDED', number, `${content.kind.toLowerCase()}; supersedes version ${number - 1}`);
      const mappings = (await this.mappingsOf(saved.organisationId, [saved.id], manager)).get(saved.id) ?? NO_MAPPINGS;
      await this.deps.outbox.record(manager, EvidenceItemChanged, saved.id, toEvidenceEventData(saved, mappings), context);
      return { item: saved, mappings };
    });
  }

  /**
   * Accepts or rejects the current version (programme managers). Nobody reviews a version they collected
   * (segregation of duties, A.5.3); a rejection says why.
   */
  async review(input: ReviewEvidenceInput, caller: Caller, context: EventContext): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    const reason = input.reason?.trim() || null;
    if (input.decision === 'REJECTED' && !reason) {
      throw evidenceItemErrors.raise('REASON_REQUIRED', 'a reason is required when rejecting evidence: say what is missing');
    }
    return this.deps.dataSource.transaction(async (manager) => {
      const item = await this.locked(manager, context.organisationId, input.id, caller);
      if (input.versionNumber && input.versionNumber !== item.currentVersion) {
        throw evidenceItemErrors.raise('VERSION_NOT_CURRENT', `version ${input.versionNumber} of "${item.title}" is not current: version ${item.currentVersion} is; review that one`);
      }
      if (item.status !== 'COLLECTED') {
        throw evidenceItemErrors.raise('EVIDENCE_ALREADY_REVIEWED', `evidence "${item.title}" is ${item.status}; only collected evidence can be reviewed`);
      }
      if (item.collectedBy === caller.claims.sub) {
        throw evidenceItemErrors.raise('SELF_APPROVAL', 'segregation of duties: you collected this version of the evidence, so someone else must review it');
      }
      const now = new Date();
      await manager.update(
        EvidenceVersionEntity,
        { organisationId: item.organisationId, evidenceId: item.id, number: item.currentVersion },
        { status: input.decision, decision: input.decision, reviewedBy: caller.claims.sub, reviewedAt: now, reviewReason: reason },
      );
      Object.assign(item, { status: input.decision, reviewedBy: caller.claims.sub, reviewedAt: now, reviewReason: reason });
      const saved = await manager.getRepository(EvidenceItemEntity).save(item);
      await this.history(manager, saved, caller.claims.sub, input.decision, saved.currentVersion, reason ?? '');
      const mappings = (await this.mappingsOf(saved.organisationId, [saved.id], manager)).get(saved.id) ?? NO_MAPPINGS;
      await this.deps.outbox.record(manager, EvidenceItemChanged, saved.id, toEvidenceEventData(saved, mappings), context);
      return { item: saved, mappings };
    });
  }

  /** Maps an item to more controls and clauses (those already mapped stay). */
  map(input: MapEvidenceInput, caller: Caller, context: EventContext): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    const change = normaliseMappings(input.controlIds ?? [], input.clauses ?? []);
    assertMapped(change);
    return this.remap(input.id, caller, context, 'MAPPED', (current) => ({
      controlIds: [...new Set([...current.controlIds, ...change.controlIds])].sort(),
      clauses: [...new Set([...current.clauses, ...change.clauses])].sort(),
    }));
  }

  /** Removes mappings; an item keeps at least one (LAST_MAPPING otherwise). */
  unmap(input: MapEvidenceInput, caller: Caller, context: EventContext): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    const change = normaliseMappings(input.controlIds ?? [], input.clauses ?? []);
    assertMapped(change);
    return this.remap(input.id, caller, context, 'UNMAPPED', (current, item) => {
      const next = { controlIds: current.controlIds.filter((id) => !change.controlIds.includes(id)), clauses: current.clauses.filter((id) => !change.clauses.includes(id)) };
      if (next.controlIds.length + next.clauses.length === 0) {
        throw evidenceItemErrors.raise('LAST_MAPPING', `evidence "${item.title}" must stay mapped to at least one control or clause: map another before removing the last`);
      }
      return next;
    });
  }

  private async remap(
    id: string,
    caller: Caller,
    context: EventContext,
    action: 'MAPPED' | 'UNMAPPED',
    next: (current: EvidenceMappings, item: EvidenceItemEntity) => EvidenceMappings,
  ): Promise<{ item: EvidenceItemEntity; mappings: EvidenceMappings }> {
    return this.deps.dataSource.transaction(async (manager) => {
      const item = await this.locked(manager, context.organisationId, id, caller);
      const current = (await this.mappingsOf(item.organisationId, [item.id], manager)).get(item.id) ?? NO_MAPPINGS;
      const wanted = next(current, item);
      const added = [
        ...wanted.controlIds.filter((ref) => !current.controlIds.includes(ref)).map((ref) => ({ kind: 'CONTROL' as const, ref })),
        ...wanted.clauses.filter((ref) => !current.clauses.includes(ref)).map((ref) => ({ kind: 'CLAUSE' as const, ref })),
      ];
      const removed = [
        ...current.controlIds.filter((ref) => !wanted.controlIds.includes(ref)).map((ref) => ({ kind: 'CONTROL' as const, ref })),
        ...current.clauses.filter((ref) => !wanted.clauses.includes(ref)).map((ref) => ({ kind: 'CLAUSE' as const, ref })),
      ];
      if (added.length + removed.length === 0) return { item, mappings: current };
      const now = new Date();
      if (added.length > 0) {
        await manager
          .getRepository(EvidenceMappingEntity)
          .insert(added.map((mapping) => ({ ...mapping, organisationId: item.organisationId, evidenceId: item.id, mappedBy: caller.claims.sub, mappedAt: now })));
      }
      for (const mapping of removed) await manager.delete(EvidenceMappingEntity, { evidenceId: item.id, kind: mapping.kind, ref: mapping.ref });
      const changed = (action === 'MAPPED' ? added : removed).map((mapping) => mapping.ref);
      // Accepted evidence was judged for the controls it was mapped to then; mapped to more, it is judged again
      // before it counts for them (or for any): its current version goes back to review. Removing mappings does not.
      const reopened = action === 'MAPPED' && added.length > 0 && item.status === 'APPROVED';
      if (reopened) {
        await manager.update(
          EvidenceVersionEntity,
          { organisationId: item.organisationId, evidenceId: item.id, number: item.currentVersion },
          { status: 'COLLECTED', decision: null, reviewedBy: null, reviewedAt: null, reviewReason: null },
        );
        Object.assign(item, { status: 'COLLECTED', reviewedBy: null, reviewedAt: null, reviewReason: null });
      }
      const detail = reopened ? `${changed.join(', ')}; accepted version ${item.currentVersion} goes back to review` : changed.join(', ');
      await this.history(manager, item, caller.claims.sub, action, reopened ? item.currentVersion : null, detail);
      await manager.update(EvidenceItemEntity, { id: item.id }, reopened ? { updatedAt: now, status: 'COLLECTED', reviewedBy: null, reviewedAt: null, reviewReason: null } : { updatedAt: now });
      item.updatedAt = now;
      await this.deps.outbox.record(manager, EvidenceItemChanged, item.id, toEvidenceEventData(item, wanted), context);
      return { item, mappings: wanted };
    });
  }

  /**
   * The items within the caller's reach matching the filter. With a control (or else a clause) the query is driven by
   * that mapping's index (`m`), which carries each item's unit, status and collection time: filters on those and the
   * list order are read there, so only the page's items are visited.
   */
  private filtered(caller: Caller, filter: EvidenceFilterInput): { query: SelectQueryBuilder<EvidenceItemEntity>; byMapping: boolean } {
    const organisationId = caller.claims.organisationId;
    const query = this.deps.dataSource.getRepository(EvidenceItemEntity).createQueryBuilder('e').where('e.organisation_id = :organisationId', { organisationId });
    const mapping = filter.controlId ? { kind: 'CONTROL', ref: filter.controlId } : filter.clause ? { kind: 'CLAUSE', ref: filter.clause } : null;
    if (mapping) {
      query.innerJoin('evidence_mapping', 'm', 'm.evidence_id = e.id AND m.organisation_id = :organisationId AND m.kind = :mappingKind AND m.ref = :mappingRef', {
        mappingKind: mapping.kind,
        mappingRef: mapping.ref,
      });
    }
    if (filter.controlId && filter.clause) {
      query.andWhere(`EXISTS (SELECT 1 FROM evidence_mapping c WHERE c.evidence_id = e.id AND c.kind = 'CLAUSE' AND c.ref = :clause)`, { clause: filter.clause });
    }
    const on = mapping ? 'm' : 'e';
    if (filter.unitId) query.andWhere(`${on}.unit_id = :unitId`, { unitId: filter.unitId.toLowerCase() });
    if (filter.status) query.andWhere(`${on}.status = :status`, { status: filter.status });
    if (filter.source) query.andWhere('e.source = :source', { source: filter.source });
    if (filter.expiringBefore) query.andWhere('e.valid_until < :expiringBefore::date', { expiringBefore: filter.expiringBefore });
    if (filter.search) {
      query.andWhere(`(e.title ILIKE :search OR e.description ILIKE :search)`, { search: `%${escapeLike(filter.search.trim())}%` });
    }
    return { query: withinReach(query, 'e', caller.claims, caller.access, on), byMapping: mapping !== null };
  }

  /** Newest first: by the mapping's copy of the collection time when the query is driven by a mapping (the same order). */
  private newestFirst(filtered: { query: SelectQueryBuilder<EvidenceItemEntity>; byMapping: boolean }): SelectQueryBuilder<EvidenceItemEntity> {
    const on = filtered.byMapping ? 'm' : 'e';
    return filtered.query.orderBy(`${on}.collected_at`, 'DESC').addOrderBy(filtered.byMapping ? 'm.evidence_id' : 'e.id', 'ASC');
  }

  /**
   * The total of a control's (or a clause's) items from its mapping index alone, when every other filter is on what
   * the mapping carries (unit, status) and the caller is not an external auditor (whose reach also depends on dates).
   */
  private mappingCount(caller: Caller, filter: EvidenceFilterInput): SelectQueryBuilder<EvidenceTallyRow> | null {
    const mapping = filter.controlId ? { kind: 'CONTROL', ref: filter.controlId } : filter.clause ? { kind: 'CLAUSE', ref: filter.clause } : null;
    if (!mapping || (filter.controlId && filter.clause) || filter.source || filter.expiringBefore || filter.search || grantPeriod(caller.claims)) return null;
    const query = this.deps.dataSource
      .createQueryBuilder()
      .select('count(*)', 'n')
      .from('evidence_mapping', 'm')
      .where('m.organisation_id = :organisationId AND m.kind = :mappingKind AND m.ref = :mappingRef', {
        organisationId: caller.claims.organisationId,
        mappingKind: mapping.kind,
        mappingRef: mapping.ref,
      });
    if (filter.unitId) query.andWhere('m.unit_id = :unitId', { unitId: filter.unitId.toLowerCase() });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    const reach = scopeFilter(caller.access);
    if (reach) query.andWhere('m.unit_id = ANY(:reachUnitIds::uuid[])', { reachUnitIds: reach.unitIds });
    return query as SelectQueryBuilder<EvidenceTallyRow>;
  }

  /**
   * The total from `evidence_item_tally` when the filter is only unit, status and source (and the caller is not an
   * external auditor, whose reach also depends on dates): the same rows the list query selects, counted by the trigger.
   */
  private tallied(caller: Caller, filter: EvidenceFilterInput): SelectQueryBuilder<EvidenceTallyRow> | null {
    if (filter.controlId || filter.clause || filter.expiringBefore || filter.search || grantPeriod(caller.claims)) return null;
    const query = this.deps.dataSource
      .createQueryBuilder()
      .select('coalesce(sum(t.n), 0)', 'n')
      .from('evidence_item_tally', 't')
      .where('t.organisation_id = :organisationId', { organisationId: caller.claims.organisationId });
    if (filter.unitId) query.andWhere('t.unit_key = :unitId', { unitId: filter.unitId.toLowerCase() });
    if (filter.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter.source) query.andWhere('t.source = :source', { source: filter.source });
    const reach = scopeFilter(caller.access);
    if (reach) query.andWhere('t.unit_key = ANY(:reachUnitIds::uuid[])', { reachUnitIds: reach.unitIds });
    return query as SelectQueryBuilder<EvidenceTallyRow>;
  }

  private async run(query: SelectQueryBuilder<EvidenceItemEntity>, page: { first: number; offset: number }, tally: SelectQueryBuilder<EvidenceTallyRow> | null): Promise<EvidencePage> {
    const counting = tally ?? query.clone().orderBy().select('count(*)', 'n');
    const [nodes, counted] = await Promise.all([query.offset(page.offset).limit(page.first).getMany(), counting.getRawOne<{ n: string }>()]);
    const mappings = await this.mappingsOf(nodes[0]?.organisationId ?? '', nodes.map((node) => node.id));
    return { nodes, totalCount: Number(counted?.n ?? 0), mappings };
  }

  /** The item, locked for the change, within the caller's reach. */
  private async locked(manager: EntityManager, organisationId: string, id: string, caller: Caller): Promise<EvidenceItemEntity> {
    const item = await manager
      .getRepository(EvidenceItemEntity)
      .createQueryBuilder('e')
      .setLock('pessimistic_write')
      .where('e.id = :id AND e.organisation_id = :organisationId', { id, organisationId })
      .getOne();
    if (!item) throw evidenceItemErrors.raise('EVIDENCE_NOT_FOUND', `evidence ${id} does not exist`);
    // Outside the caller's units the write is refused (OUT_OF_SCOPE) before anything is written.
    assertMayChange(caller.access, item);
    return item;
  }

  /** Checks a version's content against its kind and puts it in stored form (links normalised, records hashed). */
  private contentOf(content: EvidenceContentInput): VersionContent {
    const present = (['fileId', 'url', 'payload', 'assertionPassed', 'provenance'] as const).filter((field) => content[field] !== undefined && content[field] !== null);
    const allowed: Record<EvidenceContentInput['kind'], readonly string[]> = {
      FILE: ['fileId'],
      LINK: ['url'],
      RECORD: ['payload', 'assertionPassed'],
      GENERATED: ['fileId', 'provenance'],
    };
    const foreign = present.filter((field) => !allowed[content.kind].includes(field));
    const missing = allowed[content.kind].filter((field) => !(present as readonly string[]).includes(field));
    if (foreign.length > 0 || missing.length > 0) {
      throw evidenceItemErrors.raise(
        'CONTENT_INVALID',
        `a ${content.kind} version takes ${allowed[content.kind].join(' and ')}${missing.length ? `; missing: ${missing.join(', ')}` : ''}${foreign.length ? `; not allowed: ${foreign.join(', ')}` : ''}`,
      );
    }
    const empty: VersionContent = { kind: content.kind, fileId: null, url: null, payload: null, assertionPassed: null, provenance: null, sha256: null };
    switch (content.kind) {
      case 'FILE':
        return { ...empty, fileId: String(content.fileId).toLowerCase() };
      case 'LINK':
        return { ...empty, url: validLink(String(content.url)) };
      case 'RECORD': {
        const { value, canonical } = canonicalJson(String(content.payload), 'payload', MAX_RECORD_BYTES);
        return { ...empty, payload: value, assertionPassed: content.assertionPassed === true, sha256: sha256Hex(canonical) };
      }
      case 'GENERATED': {
        const { value } = canonicalJson(String(content.provenance), 'provenance', MAX_PROVENANCE_BYTES);
        return { ...empty, fileId: String(content.fileId).toLowerCase(), provenance: value };
      }
      default:
        throw evidenceItemErrors.raise('CONTENT_INVALID', `unknown kind of version: ${String(content.kind)}`);
    }
  }

  /** A FILE or GENERATED version names a file of this organisation that the caller uploaded; its hash is copied. */
  private async assertFileUsable(manager: EntityManager, content: VersionContent, claims: Claims): Promise<void> {
    if (!content.fileId) return;
    const [file]: { sha256: string }[] = await manager.query('SELECT sha256 FROM evidence_file WHERE id = $1 AND organisation_id = $2 AND uploaded_by = $3', [
      content.fileId,
      claims.organisationId,
      claims.sub,
    ]);
    if (!file) throw evidenceItemErrors.raise('UNKNOWN_FILE', `file ${content.fileId} is not a file you uploaded to this organisation: upload it first`);
    content.sha256 = file.sha256;
  }

  private async saveVersion(manager: EntityManager, item: EvidenceItemEntity, number: number, content: VersionContent, collectedAt = item.collectedAt, collectedBy = item.collectedBy): Promise<void> {
    await manager.getRepository(EvidenceVersionEntity).insert({
      organisationId: item.organisationId,
      evidenceId: item.id,
      number,
      ...content,
      status: 'COLLECTED',
      decision: null,
      collectedBy,
      collectedAt,
      reviewedBy: null,
      reviewedAt: null,
      reviewReason: null,
      supersededAt: null,
    } as never);
  }

  private async history(manager: EntityManager, item: EvidenceItemEntity, actor: string, action: EvidenceHistoryAction, version: number | null, detail: string): Promise<void> {
    await manager.getRepository(EvidenceHistoryEntity).insert({ organisationId: item.organisationId, evidenceId: item.id, at: new Date(), actor, action, version, detail });
  }
}
