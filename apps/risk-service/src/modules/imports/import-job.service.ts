import { EntityManager } from 'typeorm';
import { Access, coversUnit } from '@iso27001/authz';
import { RiskAssetUpserted, RiskUpserted } from '@iso27001/contracts';
import { databaseUrl, EventContext, isUuid, ServiceDeps, withAdvisoryLock } from '@iso27001/platform';
import { isAnnexAControlId } from '@iso27001/iso27001';
import { RiskConfig } from '../../config';
import { AssetEntity } from '../assets/asset.entity';
import { toAssetEventData } from '../assets/asset.mapper';
import { CLASSIFICATION_VALUES, RiskAssetClassification } from '../assets/asset.type';
import { Methodology, MethodologyProblem } from '../methodology/methodology.logic';
import { MethodologyService } from '../methodology/methodology.service';
import { PersonReplicaService } from '@iso27001/org-replica';
import { isCalendarDate } from '../risks/calendar-date';
import { mayNameOwnerOfNewRisk } from '../risks/risk-acceptance.rules';
import { RiskAssessmentEntity } from '../risks/risk-assessment.entity';
import { scoreRisk } from '../risks/risk-scoring.logic';
import { RiskEntity } from '../risks/risk.entity';
import { toRiskEventData } from '../risks/risk.mapper';
import { ImportJobEntity, ImportRowError } from './import-job.entity';
import { importErrors } from './import-job.errors';
import { MalformedFile, ParsedFile, parseCsv, parseXlsx } from './import-file.parser';
import { StartImportInput } from './import-job.type';

const RISK_COLUMNS = ['title', 'inherent_likelihood', 'inherent_impact'] as const;
const ASSET_COLUMNS = ['type', 'name', 'confidentiality', 'integrity', 'availability'] as const;
const ASSET_TYPES = ['INFORMATION', 'SOFTWARE', 'HARDWARE', 'SERVICE', 'PEOPLE', 'SITE', 'SUPPLIER'];
const TREATMENTS = ['MODIFY', 'AVOID', 'TRANSFER', 'ACCEPT'];
/** The report keeps this many row errors (the counts stay exact). */
const MAX_REPORTED_ERRORS = 2_000;

type Row = ParsedFile['rows'][number];

export const importJobLockKey = (jobId: string): string => `risk-import-job:${jobId}`;
type Valid<T> = { line: number; value: T };

export class ImportJobService {
  private readonly methodologies: MethodologyService;
  private readonly people: PersonReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.methodologies = new MethodologyService(deps);
    this.people = new PersonReplicaService(deps);
  }

  private get batchSize(): number {
    return (this.deps.config as Partial<RiskConfig>).IMPORT_BATCH_SIZE ?? 500;
  }

  /**
   * Reads the whole file first: a file that cannot be read, or lacks required columns, fails as a whole and
   * writes nothing. Otherwise the job is recorded and its rows are processed in the background, one transaction
   * per batch (rows with errors are reported and skipped).
   */
  async start(input: StartImportInput, context: EventContext, access: Access): Promise<ImportJobEntity> {
    const content = Buffer.from(input.contentBase64, 'base64');
    const required = input.kind === 'RISKS' ? RISK_COLUMNS : ASSET_COLUMNS;
    let parsed: ParsedFile;
    try {
      parsed = input.format === 'CSV' ? parseCsv(content, required) : await parseXlsx(content, required);
    } catch (error) {
      if (error instanceof MalformedFile) throw importErrors.raise('MALFORMED_FILE', `${input.filename ?? 'the file'}: ${error.message}`);
      throw error;
    }
    const job = await this.deps.dataSource.getRepository(ImportJobEntity).save({
      organisationId: context.organisationId,
      kind: input.kind,
      format: input.format,
      filename: input.filename?.trim() || null,
      dryRun: input.dryRun,
      status: 'RUNNING',
      totalRows: parsed.rows.length,
      processedRows: 0,
      importedRows: 0,
      errorRows: 0,
      errors: [],
      failure: null,
      createdBy: context.actor,
      finishedAt: null,
    });
    const jobId = (job as ImportJobEntity).id;
    this.process(job, parsed, context, access).catch((error: unknown) => this.deps.logger.error({ err: error, jobId }, 'import job crashed'));
    return job;
  }

  /** A job the caller may see: one they started; any job for organisation-wide roles. Others are null. */
  find(organisationId: string, id: string, actor: string, access: Access): Promise<ImportJobEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.deps.dataSource.getRepository(ImportJobEntity).findOneBy({ organisationId, id, ...(access.organisationWide ? {} : { createdBy: actor }) });
  }

  /** The latest 50 jobs the caller may see (their own; everyone's for organisation-wide roles). */
  list(organisationId: string, actor: string, access: Access): Promise<ImportJobEntity[]> {
    return this.deps.dataSource.getRepository(ImportJobEntity).find({ where: { organisationId, ...(access.organisationWide ? {} : { createdBy: actor }) }, order: { createdAt: 'DESC' }, take: 50 });
  }

  /** Holds the job's advisory lock while it runs, so a sweep can tell a live job from one whose process died. */
  private async process(job: ImportJobEntity, parsed: ParsedFile, context: EventContext, access: Access): Promise<void> {
    const connection = databaseUrl(this.deps.config.DATABASE_URL, this.deps.config.DATABASE_NAME);
    await withAdvisoryLock(connection, importJobLockKey(job.id), () => this.processLocked(job, parsed, context, access));
  }

  private async processLocked(job: ImportJobEntity, parsed: ParsedFile, context: EventContext, access: Access): Promise<void> {
    const errors: ImportRowError[] = [];
    let errorRows = 0;
    let imported = 0;
    const seenNames = new Set<string>();
    try {
      for (let start = 0; start < parsed.rows.length; start += this.batchSize) {
        const batch = parsed.rows.slice(start, start + this.batchSize);
        const batchErrors: ImportRowError[] = [];
        await this.deps.dataSource.transaction(async (manager) => {
          const count = job.kind === 'RISKS' ? await this.risksBatch(manager, batch, job.dryRun, batchErrors, context, access) : await this.assetsBatch(manager, batch, job.dryRun, batchErrors, seenNames, context, access);
          imported += count;
          batchErrors.sort((a, b) => a.row - b.row);
          errorRows += new Set(batchErrors.map((e) => e.row)).size;
          errors.push(...batchErrors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - errors.length)));
          await manager.update(ImportJobEntity, { id: job.id }, { processedRows: start + batch.length, importedRows: imported, errorRows, errors });
        });
      }
      await this.deps.dataSource.getRepository(ImportJobEntity).update({ id: job.id }, { status: errorRows > 0 ? 'COMPLETED_WITH_ERRORS' : 'SUCCEEDED', finishedAt: new Date() });
    } catch (error) {
      this.deps.logger.error({ err: error, jobId: job.id }, 'import failed');
      await this.deps.dataSource
        .getRepository(ImportJobEntity)
        .update({ id: job.id }, { status: 'FAILED', failure: (error as Error).message, finishedAt: new Date() })
        .catch(() => undefined);
    }
  }

  private async owners(manager: EntityManager, rows: Row[], errors: ImportRowError[], organisationId: string): Promise<Map<number, string | null>> {
    const emails = rows.map((r) => r.values['owner_email'] ?? '').filter(Boolean);
    const known = await this.people.byEmails(manager, organisationId, emails);
    const result = new Map<number, string | null>();
    for (const row of rows) {
      const email = (row.values['owner_email'] ?? '').toLowerCase();
      if (!email) result.set(row.line, null);
      else {
        const person = known.get(email);
        if (!person || !person.active) errors.push({ row: row.line, field: 'owner_email', message: `${email} is not an active person of the organisation` });
        else result.set(row.line, person.personId);
      }
    }
    return result;
  }

  private async risksBatch(manager: EntityManager, rows: Row[], dryRun: boolean, errors: ImportRowError[], context: EventContext, access: Access): Promise<number> {
    const { methodology } = await this.methodologies.current(manager, context.organisationId);
    const owners = await this.owners(manager, rows, errors, context.organisationId);
    const valid: Valid<Partial<RiskEntity>>[] = [];
    for (const row of rows) {
      const rowErrors = validateRiskRow(row, methodology);
      if (rowErrors.length === 0 && owners.has(row.line)) rowErrors.push(...placementErrors(row, owners.get(row.line) ?? null, access));
      // Ownership is assigned by a programme manager (risk-acceptance.rules.ts): others import risks they own themselves.
      if (rowErrors.length === 0 && owners.has(row.line) && !mayNameOwnerOfNewRisk(access, owners.get(row.line))) {
        rowErrors.push({ row: row.line, field: 'owner_email', message: 'only a programme manager may make someone else the owner of a risk: give your own e-mail, or leave owner_email empty' });
      }
      errors.push(...rowErrors);
      if (rowErrors.length > 0 || !owners.has(row.line)) continue;
      valid.push({ line: row.line, value: riskFromRow(row, owners.get(row.line) ?? null, methodology, context.organisationId) });
    }
    if (dryRun || valid.length === 0) return valid.length;
    const inserted = await manager.getRepository(RiskEntity).save(valid.map((v) => manager.create(RiskEntity, v.value)), { chunk: 500 });
    await manager.insert(
      RiskAssessmentEntity,
      inserted.map((risk) => ({ organisationId: risk.organisationId, riskId: risk.id, kind: 'INHERENT' as const, methodologyVersion: risk.inherentVersion, likelihood: risk.inherentLikelihood, impact: risk.inherentImpact, level: risk.inherentLevel, note: 'imported', assessedBy: context.actor })),
    );
    await this.deps.outbox.recordMany(manager, RiskUpserted, inserted.map((risk) => ({ subjectId: risk.id, data: toRiskEventData(risk, []) })), context);
    return inserted.length;
  }

  private async assetsBatch(manager: EntityManager, rows: Row[], dryRun: boolean, errors: ImportRowError[], seenNames: Set<string>, context: EventContext, access: Access): Promise<number> {
    const owners = await this.owners(manager, rows, errors, context.organisationId);
    const names = rows.map((r) => (r.values['name'] ?? '').toLowerCase()).filter(Boolean);
    const existing: { name: string }[] = await manager.query('SELECT lower(name) AS name FROM asset WHERE organisation_id = $1 AND lower(name) = ANY($2::text[])', [context.organisationId, names]);
    const taken = new Set(existing.map((e) => e.name));
    const valid: Partial<AssetEntity>[] = [];
    for (const row of rows) {
      const v = row.values;
      const rowErrors: ImportRowError[] = [];
      const err = (field: string, message: string) => rowErrors.push({ row: row.line, field, message });
      const type = (v['type'] ?? '').toUpperCase();
      if (!ASSET_TYPES.includes(type)) err('type', `type "${v['type']}" is not one of ${ASSET_TYPES.join(', ')}`);
      const name = v['name'] ?? '';
      if (!name) err('name', 'name is required');
      else if (name.length > 300) err('name', 'name is longer than 300 characters');
      else if (taken.has(name.toLowerCase()) || seenNames.has(name.toLowerCase())) err('name', `an asset named "${name}" already exists`);
      const cia = Object.fromEntries(
        (['confidentiality', 'integrity', 'availability'] as const).map((field) => {
          const value = classification(v[field] ?? '');
          if (value === null) err(field, `${field} "${v[field]}" must be LOW, MEDIUM, HIGH or 1..3`);
          return [field, value ?? 1];
        }),
      ) as Record<'confidentiality' | 'integrity' | 'availability', number>;
      const unitId = v['unit_id'] ?? '';
      if (unitId && !isUuid(unitId)) err('unit_id', `unit_id "${unitId}" is not a UUID`);
      if (rowErrors.length === 0 && owners.has(row.line)) rowErrors.push(...placementErrors(row, owners.get(row.line) ?? null, access));
      errors.push(...rowErrors);
      if (rowErrors.length > 0 || !owners.has(row.line)) continue;
      seenNames.add(name.toLowerCase());
      valid.push({ organisationId: context.organisationId, type: type as AssetEntity['type'], name, description: v['description'] || null, ownerId: owners.get(row.line) ?? null, unitId: unitId || null, ...cia });
    }
    if (dryRun || valid.length === 0) return valid.length;
    const inserted = await manager.getRepository(AssetEntity).save(valid.map((a) => manager.create(AssetEntity, a)), { chunk: 500 });
    await this.deps.outbox.recordMany(manager, RiskAssetUpserted, inserted.map((asset) => ({ subjectId: asset.id, data: toAssetEventData(asset, []) })), context);
    return inserted.length;
  }
}

/**
 * A row may place its record only where the importer may create one (as `createRisk` and `createRiskAsset`): in one
 * of their units; without a unit only for an organisation-wide role, or with the importer as the owner.
 */
export function placementErrors(row: Row, ownerId: string | null, access: Access): ImportRowError[] {
  const unitId = row.values['unit_id'] ?? '';
  if (unitId) return coversUnit(access, unitId) ? [] : [{ row: row.line, field: 'unit_id', message: `unit ${unitId} is not one of your units` }];
  if (access.organisationWide || (access.personId !== null && ownerId?.toLowerCase() === access.personId)) return [];
  return [{ row: row.line, field: 'unit_id', message: 'unit_id is required: only an organisation-wide role, or the owner themself, may leave it empty' }];
}

function classification(value: string): number | null {
  const upper = value.trim().toUpperCase();
  if (upper in CLASSIFICATION_VALUES) return CLASSIFICATION_VALUES[upper as RiskAssetClassification];
  return ['1', '2', '3'].includes(upper) ? Number(upper) : null;
}

function integer(value: string | undefined): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null;
}

/** Every problem of one risk row (owner e-mails are checked by the caller, against the replica). */
export function validateRiskRow(row: Row, methodology: Methodology): ImportRowError[] {
  const v = row.values;
  const errors: ImportRowError[] = [];
  const err = (field: string | null, message: string) => errors.push({ row: row.line, field, message });
  if (!v['title']) err('title', 'title is required');
  else if (v['title'].length > 300) err('title', 'title is longer than 300 characters');
  const likelihood = integer(v['inherent_likelihood']);
  const impact = integer(v['inherent_impact']);
  if (likelihood === null) err('inherent_likelihood', `inherent_likelihood "${v['inherent_likelihood'] ?? ''}" is not a whole number`);
  if (impact === null) err('inherent_impact', `inherent_impact "${v['inherent_impact'] ?? ''}" is not a whole number`);
  if (likelihood !== null && !methodology.likelihood.some((l) => l.value === likelihood)) {
    err('inherent_likelihood', `likelihood ${likelihood} is not on the ${methodology.likelihood.length}-level scale of methodology v${methodology.version}`);
  }
  if (impact !== null && !methodology.impact.some((l) => l.value === impact)) {
    err('inherent_impact', `impact ${impact} is not on the ${methodology.impact.length}-level scale of methodology v${methodology.version}`);
  }
  const unitId = v['unit_id'] ?? '';
  if (unitId && !isUuid(unitId)) err('unit_id', `unit_id "${unitId}" is not a UUID`);
  const treatment = (v['treatment'] ?? '').toUpperCase();
  const controls = splitControls(v['controls'] ?? '');
  if (treatment && !TREATMENTS.includes(treatment)) err('treatment', `treatment "${v['treatment']}" is not one of ${TREATMENTS.join(', ')}`);
  if (treatment && !v['rationale']) err('rationale', 'a treatment needs a rationale');
  const unknown = controls.filter((c) => !isAnnexAControlId(c));
  if (unknown.length > 0) err('controls', `not ISO/IEC 27001:2022 Annex A controls: ${unknown.join(', ')}`);
  if (treatment === 'MODIFY' && controls.length === 0) err('controls', 'treatment MODIFY needs at least one Annex A control');
  if (controls.length > 0 && treatment !== 'MODIFY') err('controls', 'controls are linked only with treatment MODIFY');
  const review = v['next_review_on'] ?? '';
  if (review && !isCalendarDate(review)) err('next_review_on', `next_review_on "${review}" is not a date yyyy-mm-dd`);
  return errors;
}

function splitControls(value: string): string[] {
  return [...new Set(value.split(/[;,\s]+/).map((c) => c.trim()).filter(Boolean))];
}

function riskFromRow(row: Row, ownerId: string | null, methodology: Methodology, organisationId: string): Partial<RiskEntity> {
  const v = row.values;
  const likelihood = Number(v['inherent_likelihood']);
  const impact = Number(v['inherent_impact']);
  const treatment = (v['treatment'] ?? '').toUpperCase() || null;
  let scores;
  try {
    scores = scoreRisk({ inherentLikelihood: likelihood, inherentImpact: impact, residualLikelihood: null, residualImpact: null, status: 'OPEN', accepted: false }, methodology, null);
  } catch (error) {
    if (error instanceof MethodologyProblem) throw new Error(`row ${row.line}: ${error.message}`);
    throw error;
  }
  return {
    organisationId,
    title: v['title'],
    description: v['description'] || null,
    threat: v['threat'] || null,
    vulnerability: v['vulnerability'] || null,
    ownerId,
    unitId: v['unit_id'] || null,
    inherentLikelihood: likelihood,
    inherentImpact: impact,
    inherentVersion: methodology.version,
    residualLikelihood: null,
    residualImpact: null,
    residualVersion: null,
    treatment: treatment as RiskEntity['treatment'],
    treatmentRationale: treatment ? v['rationale'] : null,
    controlIds: splitControls(v['controls'] ?? ''),
    status: 'OPEN',
    acceptedAt: null,
    acceptedBy: null,
    acceptedByPersonId: null,
    acceptanceNote: null,
    nextReviewOn: v['next_review_on'] || null,
    ...scores,
  };
}
