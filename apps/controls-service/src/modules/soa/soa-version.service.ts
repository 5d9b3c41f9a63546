import { Between, In } from 'typeorm';
import { Claims } from '@iso27001/authz';
import { Envelope, EventData, ScopeApproved, SoaVersionPublished } from '@iso27001/contracts';
import { EventContext, ServiceDeps } from '@iso27001/platform';
import { ANNEX_A } from '@iso27001/iso27001';
import { EntityManager } from 'typeorm';
import { IsmsScopeEntity } from './isms-scope.entity';
import { SoaChangeEntity } from './soa-change.entity';
import { SoaEntryEntity } from './soa-entry.entity';
import { soaErrors } from './soa-entry.errors';
import { toSnapshotEntry } from './soa-entry.mapper';
import { diffSnapshots, SoaEntryDiff } from './soa-version.diff';
import { SoaSnapshotEntry, SoaVersionEntity } from './soa-version.entity';

export interface SoaVersionDiffResult {
  from: SoaVersionEntity;
  to: SoaVersionEntity;
  entries: (SoaEntryDiff & { changeReasons: SoaChangeEntity[] })[];
}

/** Published versions of the SoA and the approved scope they are published against. */
export class SoaVersionService {
  constructor(private readonly deps: ServiceDeps) {}

  scope(organisationId: string): Promise<IsmsScopeEntity | null> {
    return this.deps.dataSource.getRepository(IsmsScopeEntity).findOneBy({ organisationId });
  }

  /** The live SoA as a snapshot: all 93 controls in catalogue order. */
  async liveSnapshot(organisationId: string, manager: EntityManager = this.deps.dataSource.manager): Promise<SoaSnapshotEntry[]> {
    const entities = await manager.getRepository(SoaEntryEntity).findBy({ organisationId });
    const byControl = new Map(entities.map((entity) => [entity.controlId, entity]));
    return ANNEX_A.map((control) => toSnapshotEntry(control.id, byControl.get(control.id)));
  }

  /** Snapshots all 93 entries as the next version, approved by the caller now, and records SoaVersionPublished. */
  async publish(note: string, claims: Claims, context: EventContext): Promise<SoaVersionEntity> {
    const text = note.trim();
    if (!text) throw soaErrors.raise('NOTE_REQUIRED', 'publishing a version of the SoA needs a note saying what it is (e.g. "Stage 1 baseline")');
    if (text.length > 2_000) throw soaErrors.raise('NOTE_TOO_LONG', `the note of an SoA version has at most 2000 characters (got ${text.length})`);
    return this.deps.dataSource.transaction(async (manager) => {
      // One publisher at a time per organisation; entry writers lock rows, so the snapshot below is taken after them.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`soa_version:${context.organisationId}`]);
      const scope = await manager.getRepository(IsmsScopeEntity).findOneBy({ organisationId: context.organisationId });
      if (!scope) throw soaErrors.raise('SCOPE_NOT_APPROVED', 'no ISMS scope has been approved yet: the SoA is published against the approved scope');
      await manager.query('SELECT 1 FROM soa_entry WHERE organisation_id = $1 FOR SHARE', [context.organisationId]);
      const entries = await this.liveSnapshot(context.organisationId, manager);
      const [{ next, now }] = await manager.query(
        'SELECT coalesce(max(number), 0) + 1 AS next, clock_timestamp() AS now FROM soa_version WHERE organisation_id = $1',
        [context.organisationId],
      );
      const version = manager.create(SoaVersionEntity, {
        organisationId: context.organisationId,
        number: Number(next),
        note: text,
        scopeId: scope.scopeId,
        scopeVersion: scope.version,
        approvedBy: claims.sub,
        approvedByName: claims.name ?? null,
        approvedAt: now as Date,
        entries,
      });
      await manager.insert(SoaVersionEntity, version);
      await this.deps.outbox.record(
        manager,
        SoaVersionPublished,
        context.organisationId,
        {
          number: version.number,
          note: version.note,
          scopeId: version.scopeId,
          scopeVersion: version.scopeVersion,
          approvedBy: version.approvedBy,
          approvedAt: version.approvedAt.toISOString(),
          applicableControlIds: entries.filter((entry) => entry.applicable).map((entry) => entry.controlId),
        },
        context,
      );
      return version;
    });
  }

  /** Versions without their entries, newest first. */
  list(organisationId: string): Promise<SoaVersionEntity[]> {
    return this.deps.dataSource.getRepository(SoaVersionEntity).find({ where: { organisationId }, order: { number: 'DESC' } });
  }

  async get(organisationId: string, number: number): Promise<SoaVersionEntity> {
    const [version] = await this.withEntries(organisationId, [number]);
    if (!version) throw soaErrors.raise('VERSION_NOT_FOUND', `there is no published SoA version ${number}`);
    return version;
  }

  /** The latest published version (what auditors see), or null before the first publication. */
  async latest(organisationId: string): Promise<SoaVersionEntity | null> {
    const [latest] = await this.deps.dataSource.getRepository(SoaVersionEntity).find({ where: { organisationId }, order: { number: 'DESC' }, take: 1 });
    return latest ? this.get(organisationId, latest.number) : null;
  }

  /** Versions with their entries, in one query. */
  withEntries(organisationId: string, numbers: readonly number[]): Promise<SoaVersionEntity[]> {
    return this.deps.dataSource
      .getRepository(SoaVersionEntity)
      .createQueryBuilder('v')
      .addSelect('v.entries')
      .where('v.organisation_id = :organisationId AND v.number IN (:...numbers)', { organisationId, numbers: [...numbers] })
      .getMany();
  }

  /** Per control what changed between two versions, with the reasons recorded for changes made between them. */
  async diff(organisationId: string, fromNumber: number, toNumber: number): Promise<SoaVersionDiffResult> {
    const versions = await this.withEntries(organisationId, [fromNumber, toNumber]);
    const from = versions.find((version) => version.number === fromNumber);
    const to = versions.find((version) => version.number === toNumber);
    if (!from) throw soaErrors.raise('VERSION_NOT_FOUND', `there is no published SoA version ${fromNumber}`);
    if (!to) throw soaErrors.raise('VERSION_NOT_FOUND', `there is no published SoA version ${toNumber}`);
    const diffs = diffSnapshots(from.entries, to.entries);
    const [start, end] = from.approvedAt <= to.approvedAt ? [from.approvedAt, to.approvedAt] : [to.approvedAt, from.approvedAt];
    const changes =
      diffs.length === 0
        ? []
        : await this.deps.dataSource.getRepository(SoaChangeEntity).find({
            where: { organisationId, controlId: In(diffs.map((diff) => diff.controlId)), changedAt: Between(start, end) },
            order: { changedAt: 'ASC', seq: 'ASC' },
          });
    return {
      from,
      to,
      entries: diffs.map((diff) => ({ ...diff, changeReasons: changes.filter((change) => change.controlId === diff.controlId && change.changedAt > start) })),
    };
  }

  /** Replicates isms.scope.approved: a newer approved version replaces the one held. */
  async applyScopeApproved(manager: EntityManager, event: Envelope<EventData<typeof ScopeApproved>>): Promise<void> {
    const { data, organisationId } = event;
    await manager.query(
      `INSERT INTO isms_scope (organisation_id, scope_id, version, in_scope_unit_ids, approved_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id) DO UPDATE SET scope_id = EXCLUDED.scope_id, version = EXCLUDED.version,
         in_scope_unit_ids = EXCLUDED.in_scope_unit_ids, approved_at = EXCLUDED.approved_at
       WHERE isms_scope.approved_at <= EXCLUDED.approved_at`,
      [organisationId, data.id, data.version, [...new Set(data.inScopeUnitIds)], data.approvedAt],
    );
  }
}
