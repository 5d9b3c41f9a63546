import { Between, In, QueryFailedError } from 'typeorm';
import { approvalConflict, Claims } from '@iso27001/authz';
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
import { SoaVersionSubmissionEntity } from './soa-version-submission.entity';

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

  /** Serialises submissions and publications of one organisation's SoA. */
  private async lock(manager: EntityManager, organisationId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`soa_version:${organisationId}`]);
  }

  /**
   * Submits the live SoA (all 93 entries, as they stand now) for approval as the next version against the approved
   * scope. Nothing is published yet; one submission awaits approval at a time.
   */
  async submit(note: string, claims: Pick<Claims, 'sub' | 'name' | 'email'>, context: EventContext): Promise<SoaVersionSubmissionEntity> {
    const text = note.trim();
    if (!text) throw soaErrors.raise('NOTE_REQUIRED', 'publishing a version of the SoA needs a note saying what it is (e.g. "Stage 1 baseline")');
    if (text.length > 2_000) throw soaErrors.raise('NOTE_TOO_LONG', `the note of an SoA version has at most 2000 characters (got ${text.length})`);
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        await this.lock(manager, context.organisationId);
        const scope = await manager.getRepository(IsmsScopeEntity).findOneBy({ organisationId: context.organisationId });
        if (!scope) throw soaErrors.raise('SCOPE_NOT_APPROVED', 'no ISMS scope has been approved yet: the SoA is published against the approved scope');
        const pending = await manager.getRepository(SoaVersionSubmissionEntity).findOneBy({ organisationId: context.organisationId, status: 'SUBMITTED' });
        if (pending) throw soaErrors.raise('SUBMISSION_PENDING', `an SoA version submitted on ${pending.submittedAt.toISOString().slice(0, 10)} ("${pending.note}") awaits approval: approve or reject it first`);
        await manager.query('SELECT 1 FROM soa_entry WHERE organisation_id = $1 FOR SHARE', [context.organisationId]);
        const entries = await this.liveSnapshot(context.organisationId, manager);
        const submission = manager.create(SoaVersionSubmissionEntity, {
          organisationId: context.organisationId,
          status: 'SUBMITTED',
          note: text,
          scopeId: scope.scopeId,
          scopeVersion: scope.version,
          entries,
          submittedBy: claims.sub,
          submittedByName: claims.name ?? null,
          submittedByEmail: claims.email ?? null,
        });
        await manager.insert(SoaVersionSubmissionEntity, submission);
        return submission;
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw soaErrors.raise('SUBMISSION_PENDING', 'another SoA version was submitted meanwhile: approve or reject it first');
      }
      throw error;
    }
  }

  /** Submissions, newest first, without their entries. */
  submissions(organisationId: string, status?: string | null): Promise<SoaVersionSubmissionEntity[]> {
    return this.deps.dataSource.getRepository(SoaVersionSubmissionEntity).find({
      where: { organisationId, ...(status ? { status: status as SoaVersionSubmissionEntity['status'] } : {}) },
      order: { submittedAt: 'DESC' },
    });
  }

  private async pendingSubmission(manager: EntityManager, organisationId: string, id: string): Promise<SoaVersionSubmissionEntity> {
    const submission = /^[0-9a-f-]{36}$/i.test(id)
      ? await manager
          .getRepository(SoaVersionSubmissionEntity)
          .createQueryBuilder('s')
          .addSelect('s.entries')
          .setLock('pessimistic_write')
          .where('s.organisation_id = :organisationId AND s.id = :id', { organisationId, id })
          .getOne()
      : null;
    if (!submission) throw soaErrors.raise('SUBMISSION_NOT_FOUND', `there is no SoA submission ${id}`);
    if (submission.status !== 'SUBMITTED') throw soaErrors.raise('SUBMISSION_DECIDED', `the SoA submission "${submission.note}" was already ${submission.status.toLowerCase()}`);
    return submission;
  }

  /** Who changed entries of the SoA since the last published version (its contributors). */
  private async contributorsSinceLastVersion(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { actor: string }[] = await manager.query(
      `SELECT DISTINCT c.actor FROM soa_change c
       WHERE c.organisation_id = $1
         AND c.changed_at > coalesce((SELECT max(v.approved_at) FROM soa_version v WHERE v.organisation_id = $1), '-infinity'::timestamptz)`,
      [organisationId],
    );
    return rows.map((row) => row.actor);
  }

  /**
   * Approves a submission and publishes it as the next version, approved by the caller now, recording
   * SoaVersionPublished in the same transaction. Never by its submitter nor by anyone who changed an entry since the
   * last version (SELF_APPROVAL); refused when the live SoA changed since it was submitted, so what is published is
   * what was submitted and approved (SOA_CHANGED_SINCE_SUBMISSION).
   */
  async approve(id: string, approver: Pick<Claims, 'sub' | 'name' | 'email'>, context: EventContext): Promise<SoaVersionEntity> {
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const submission = await this.pendingSubmission(manager, context.organisationId, id);
      const contributors = await this.contributorsSinceLastVersion(manager, context.organisationId);
      const conflict = approvalConflict(approver, { submittedBy: submission.submittedBy, submittedByEmail: submission.submittedByEmail, contributors });
      if (conflict) {
        throw soaErrors.raise(
          'SELF_APPROVAL',
          conflict === 'submitter'
            ? 'you submitted this version of the SoA, so someone else must approve it'
            : 'you changed entries of the SoA since the last version, so someone else must approve this one',
        );
      }
      await manager.query('SELECT 1 FROM soa_entry WHERE organisation_id = $1 FOR SHARE', [context.organisationId]);
      const live = await this.liveSnapshot(context.organisationId, manager);
      if (diffSnapshots(submission.entries, live).length > 0) {
        throw soaErrors.raise('SOA_CHANGED_SINCE_SUBMISSION', 'the SoA changed after this version was submitted: reject it and submit the SoA again');
      }
      const [{ next, now }] = await manager.query(
        'SELECT coalesce(max(number), 0) + 1 AS next, clock_timestamp() AS now FROM soa_version WHERE organisation_id = $1',
        [context.organisationId],
      );
      const version = manager.create(SoaVersionEntity, {
        organisationId: context.organisationId,
        number: Number(next),
        note: submission.note,
        scopeId: submission.scopeId,
        scopeVersion: submission.scopeVersion,
        approvedBy: approver.sub,
        approvedByName: approver.name ?? null,
        approvedAt: now as Date,
        entries: submission.entries,
      });
      await manager.insert(SoaVersionEntity, version);
      await manager.update(SoaVersionSubmissionEntity, { id: submission.id }, { status: 'PUBLISHED', decidedBy: approver.sub, decidedAt: now as Date, publishedNumber: version.number });
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
          applicableControlIds: version.entries.filter((entry) => entry.applicable).map((entry) => entry.controlId),
        },
        context,
      );
      return version;
    });
  }

  /** Rejects a submission with a reason (its submitter may withdraw it this way); nothing is published. */
  async reject(id: string, reason: string, decider: Pick<Claims, 'sub'>, context: EventContext): Promise<SoaVersionSubmissionEntity> {
    const text = reason.trim();
    if (!text) throw soaErrors.raise('REASON_REQUIRED', 'rejecting an SoA submission needs a reason');
    if (text.length > 2_000) throw soaErrors.raise('NOTE_TOO_LONG', `the reason has at most 2000 characters (got ${text.length})`);
    return this.deps.dataSource.transaction(async (manager) => {
      await this.lock(manager, context.organisationId);
      const submission = await this.pendingSubmission(manager, context.organisationId, id);
      Object.assign(submission, { status: 'REJECTED', decidedBy: decider.sub, decidedAt: new Date(), decisionNote: text });
      await manager.update(SoaVersionSubmissionEntity, { id: submission.id }, { status: 'REJECTED', decidedBy: decider.sub, decidedAt: submission.decidedAt, decisionNote: text });
      return submission;
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
