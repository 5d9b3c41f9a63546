import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { OrgUnitUpserted, PersonUpserted } from '@iso27001/contracts';
import { databaseUrl, EventContext, ServiceDeps, tryWithAdvisoryLock } from '@iso27001/platform';
import { OrgUnitKind } from '../org-units/org-unit.entity';
import { lockHierarchy } from '../org-units/org-unit.service';
import { toOrgUnitEventData } from '../org-units/org-unit.mapper';
import { toPersonEventData } from '../people/person.mapper';
import { ImportFileError, parseImportFile } from './import-file.parser';
import { headerProblem, ignoredColumns, ImportKind, ImportPlan, PersonState, planPeopleImport, planUnitsImport, RowError, UnitNode, UnitState } from './import-plan';

export const IMPORT_BATCH_SIZE = 500;

interface ClaimedJob {
  id: string;
  organisation_id: string;
  kind: ImportKind;
  file_name: string;
  content: Buffer;
  dry_run: boolean;
  requested_by: string;
}

/**
 * Runs one queued import in the background: reads the file, plans every row, then writes the plan in batches of
 * IMPORT_BATCH_SIZE rows, each batch in its own transaction with its outbox events and the job's progress.
 */
export class ImportJobRunner {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly batchSize = IMPORT_BATCH_SIZE,
  ) {}

  /**
   * Runs a queued job, or resumes one whose runner died (a restart, a crash). The runner holds a session-level
   * advisory lock on the job while it works, so a job is run by one replica at a time, and a job whose lock is free
   * while it is still RUNNING was interrupted. A resumed job plans again from the current data: rows written before
   * the interruption are then unchanged, and the import as a whole is idempotent.
   */
  async run(jobId: string): Promise<void> {
    const connection = databaseUrl(this.deps.config.DATABASE_URL, this.deps.config.DATABASE_NAME);
    // When another runner holds the job, this returns at once and leaves it to them.
    await tryWithAdvisoryLock(connection, `import-job:${jobId}`, () => this.claimAndProcess(jobId));
  }

  private async claimAndProcess(jobId: string): Promise<void> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, rowCount].
    const [claimed] = (await this.deps.dataSource.query(
      `UPDATE import_job SET status = 'RUNNING', started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') AND content IS NOT NULL
        RETURNING id, organisation_id, kind, file_name, content, dry_run, requested_by, (started_at < now()) AS resumed`,
      [jobId],
    )) as [(ClaimedJob & { resumed: boolean })[], number];
    const job = claimed[0];
    if (!job) return;
    if (job.resumed) {
      this.deps.logger.warn({ jobId }, 'resuming an import that was interrupted');
      await this.deps.dataSource.transaction(async (manager) => {
        await manager.query('DELETE FROM import_job_error WHERE job_id = $1', [jobId]);
        await manager.query(
          'UPDATE import_job SET processed_rows = 0, created_count = 0, updated_count = 0, unchanged_count = 0, failed_count = 0 WHERE id = $1',
          [jobId],
        );
      });
    }
    try {
      await this.process(job);
    } catch (error) {
      const message = error instanceof ImportFileError ? error.message : `the import stopped: ${(error as Error).message}`;
      if (!(error instanceof ImportFileError)) this.deps.logger.error({ err: error, jobId }, 'import failed');
      await this.deps.dataSource.query(
        `UPDATE import_job SET status = 'FAILED', message = $2, content = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
        [jobId, message],
      );
    }
  }

  private async process(job: ClaimedJob & { resumed: boolean }): Promise<void> {
    // Said in the same statement that finishes the job, so nobody reads SUCCEEDED without it.
    const resumedNote = job.resumed ? 'Resumed after an interruption; rows written before it count as unchanged. ' : '';
    const table = await parseImportFile(job.file_name, job.content);
    const problem = headerProblem(job.kind, table.headers);
    if (problem) throw new ImportFileError(`"${job.file_name}": ${problem}`);
    const ignored = ignoredColumns(job.kind, table.headers);
    await this.deps.dataSource.query('UPDATE import_job SET total_rows = $2, updated_at = now() WHERE id = $1', [job.id, table.rows.length]);

    const org = job.organisation_id;
    const units: UnitNode[] = (
      await this.deps.dataSource.query('SELECT id, name, kind, parent_id, external_id, active FROM org_unit WHERE organisation_id = $1', [org])
    ).map((u: Record<string, unknown>) => ({ id: u['id'], name: u['name'], kind: u['kind'], parentId: u['parent_id'], externalId: u['external_id'], active: u['active'] }));
    let plan: ImportPlan<PersonState> | ImportPlan<UnitState>;
    if (job.kind === 'PEOPLE') {
      const people: PersonState[] = (
        await this.deps.dataSource.query('SELECT id, email, name, external_id, unit_id, manager_id, job_role, active FROM person WHERE organisation_id = $1', [org])
      ).map((p: Record<string, unknown>) => ({
        id: p['id'],
        email: p['email'],
        name: p['name'],
        externalId: p['external_id'],
        unitId: p['unit_id'],
        managerId: p['manager_id'],
        jobRole: p['job_role'],
        active: p['active'],
      }));
      plan = planPeopleImport(table, people, units, randomUUID);
    } else {
      plan = planUnitsImport(table, units, randomUUID);
    }

    await this.recordErrors(job.id, plan.errors);
    const decided = plan.failed + plan.unchanged;
    await this.deps.dataSource.query(
      'UPDATE import_job SET failed_count = $2, unchanged_count = $3, processed_rows = $4, updated_at = now() WHERE id = $1',
      [job.id, plan.failed, plan.unchanged, decided],
    );
    const created = plan.writes.filter((w) => w.isNew).length;
    const updated = plan.writes.length - created;
    const notes = ignored.length > 0 ? ` Ignored unknown column(s): ${ignored.join(', ')}.` : '';
    const skipped = plan.failed > 0 ? ` ${plan.failed} row(s) with errors were skipped (see the errors); the other rows went in.` : '';

    if (job.dry_run) {
      await this.deps.dataSource.query(
        `UPDATE import_job SET status = 'SUCCEEDED', created_count = $2, updated_count = $3, processed_rows = total_rows, content = NULL,
                finished_at = now(), updated_at = now(), message = $4 WHERE id = $1`,
        [job.id, created, updated, `${resumedNote}Dry run, nothing written: would create ${created}, update ${updated}, leave ${plan.unchanged} unchanged.${skipped.replace('were skipped', 'would be skipped').replace('went in', 'would go in')}${notes}`],
      );
      return;
    }

    const context: EventContext = { organisationId: org, actor: job.requested_by, correlationId: job.id };
    let written = { created: 0, updated: 0, failed: 0 };
    for (let start = 0; start < plan.writes.length; start += this.batchSize) {
      const batch = plan.writes.slice(start, start + this.batchSize);
      try {
        await this.deps.dataSource.transaction(async (manager) => {
          if (job.kind === 'PEOPLE') await this.writePeople(manager, org, batch as ImportPlan<PersonState>['writes'], context);
          else await this.writeUnits(manager, org, batch as ImportPlan<UnitState>['writes'], context);
          const batchCreated = batch.filter((w) => w.isNew).length;
          await manager.query(
            'UPDATE import_job SET created_count = created_count + $2, updated_count = updated_count + $3, processed_rows = processed_rows + $4, updated_at = now() WHERE id = $1',
            [job.id, batchCreated, batch.length - batchCreated, batch.length],
          );
        });
        const batchCreated = batch.filter((w) => w.isNew).length;
        written = { ...written, created: written.created + batchCreated, updated: written.updated + batch.length - batchCreated };
      } catch (error) {
        // The batch rolled back as a whole (nothing of it was written); say so per row and carry on with the rest.
        const reason = (error as Error).message;
        this.deps.logger.warn({ jobId: job.id, err: reason }, 'import batch rolled back');
        await this.recordErrors(job.id, batch.map((w) => ({ rowNumber: w.rowNumber, column: null, message: `not written (its batch was rolled back): ${reason}` })));
        await this.deps.dataSource.query(
          'UPDATE import_job SET failed_count = failed_count + $2, processed_rows = processed_rows + $2, updated_at = now() WHERE id = $1',
          [job.id, batch.length],
        );
        written = { ...written, failed: written.failed + batch.length };
      }
    }
    const failed = plan.failed + written.failed;
    await this.deps.dataSource.query(
      `UPDATE import_job SET status = 'SUCCEEDED', content = NULL, finished_at = now(), updated_at = now(), message = $2 WHERE id = $1`,
      [
        job.id,
        `${resumedNote}Created ${written.created}, updated ${written.updated}, unchanged ${plan.unchanged}.` +
          (failed > 0 ? ` ${failed} row(s) with errors were skipped (see the errors); the other rows went in.` : '') +
          notes,
      ],
    );
  }

  private async recordErrors(jobId: string, errors: RowError[]): Promise<void> {
    for (let start = 0; start < errors.length; start += 5000) {
      const chunk = errors.slice(start, start + 5000);
      await this.deps.dataSource.query(
        `INSERT INTO import_job_error (job_id, row_number, column_name, message)
         SELECT $1, r, c, m FROM unnest($2::int[], $3::text[], $4::text[]) AS e(r, c, m)`,
        [jobId, chunk.map((e) => e.rowNumber), chunk.map((e) => e.column), chunk.map((e) => e.message.slice(0, 2000))],
      );
    }
  }

  private async writePeople(manager: EntityManager, org: string, batch: ImportPlan<PersonState>['writes'], context: EventContext): Promise<void> {
    const columns = (rows: PersonState[]) => [
      rows.map((p) => p.id),
      rows.map((p) => p.email),
      rows.map((p) => p.name),
      rows.map((p) => p.unitId),
      rows.map((p) => p.managerId),
      rows.map((p) => p.jobRole),
      rows.map((p) => p.active),
      rows.map((p) => p.externalId),
    ];
    const inserts = batch.filter((w) => w.isNew).map((w) => w.state);
    const updates = batch.filter((w) => !w.isNew).map((w) => w.state);
    if (inserts.length > 0) {
      await manager.query(
        `INSERT INTO person (organisation_id, id, email, name, unit_id, manager_id, job_role, active, external_id)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::boolean[], $9::text[])`,
        [org, ...columns(inserts)],
      );
    }
    if (updates.length > 0) {
      await manager.query(
        `UPDATE person p SET email = v.email, name = v.name, unit_id = v.unit_id, manager_id = v.manager_id, job_role = v.job_role,
                active = v.active, external_id = v.external_id, updated_at = now()
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::boolean[], $9::text[])
                AS v(id, email, name, unit_id, manager_id, job_role, active, external_id)
          WHERE p.id = v.id AND p.organisation_id = $1`,
        [org, ...columns(updates)],
      );
    }
    await this.deps.outbox.recordMany(manager, PersonUpserted, batch.map((write) => ({ subjectId: write.state.id, data: toPersonEventData(write.state) })), context);
  }

  private async writeUnits(manager: EntityManager, org: string, batch: ImportPlan<UnitState>['writes'], context: EventContext): Promise<void> {
    await lockHierarchy(manager, org);
    const columns = (rows: UnitState[]) => [rows.map((u) => u.id), rows.map((u) => u.name), rows.map((u) => u.kind), rows.map((u) => u.parentId), rows.map((u) => u.externalId)];
    const inserts = batch.filter((w) => w.isNew).map((w) => w.state);
    const updates = batch.filter((w) => !w.isNew).map((w) => w.state);
    if (inserts.length > 0) {
      await manager.query(
        `INSERT INTO org_unit (organisation_id, id, name, kind, parent_id, external_id)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[])`,
        [org, ...columns(inserts)],
      );
    }
    if (updates.length > 0) {
      await manager.query(
        `UPDATE org_unit u SET name = v.name, kind = v.kind, parent_id = v.parent_id, external_id = v.external_id, updated_at = now()
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[]) AS v(id, name, kind, parent_id, external_id)
          WHERE u.id = v.id AND u.organisation_id = $1`,
        [org, ...columns(updates)],
      );
    }
    await this.deps.outbox.recordMany(
      manager,
      OrgUnitUpserted,
      batch.map((write) => ({ subjectId: write.state.id, data: toOrgUnitEventData({ ...write.state, kind: write.state.kind as OrgUnitKind }) })),
      context,
    );
  }
}
