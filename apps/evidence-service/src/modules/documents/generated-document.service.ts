import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { EvidenceItemChanged } from '@iso27001/contracts';
import { DocumentProvenance, DomainError, EventContext, fetchGeneratedDocument, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceHistoryEntity } from '../evidence/evidence-history.entity';
import { EvidenceItemEntity } from '../evidence/evidence-item.entity';
import { toEvidenceEventData } from '../evidence/evidence-item.mapper';
import { dayOf } from '../evidence/evidence-item.rules';
import { EvidenceMappingEntity } from '../evidence/evidence-mapping.entity';
import { EvidenceVersionEntity } from '../evidence/evidence-version.entity';
import { EvidenceFileEntity } from '../files/evidence-file.entity';
import { fileStoreFor } from '../files/file-store.factory';
import { FileStore } from '../files/file-store.storage';
import { GeneratedDocumentEntity } from './generated-document.entity';
import { generatedDocumentErrors } from './generated-document.errors';
import { GENERATED_DOCUMENTS, generatedDocumentSpec, GeneratedDocumentSpec, generatedFileName, looksLikePdf, validUntilOf } from './generated-document.rules';

/**
 * What became of one document: a new dated version (NEW_VERSION, or the first one: CREATED), nothing because its bytes
 * are the current version's (UNCHANGED), nothing because its source holds no data for it yet (NO_DATA), or nothing
 * because it could not be generated (FAILED, with the coded error: only when generating several at once).
 */
export type GenerationOutcome = 'CREATED' | 'NEW_VERSION' | 'UNCHANGED' | 'NO_DATA' | 'FAILED';

export interface GenerationResult {
  document: string;
  artefact: string | null;
  outcome: GenerationOutcome;
  evidenceId: string | null;
  versionNumber: number | null;
  sha256: string | null;
  provenance: DocumentProvenance | null;
  /** FAILED: the error's code and message. */
  error?: { code: string; message: string };
}

/** Who generates: the person (or collector) recorded as the collector of the version, who may then not review it. */
export interface Generator {
  sub: string;
  organisationId: string;
}

/** Hashes and counts the bytes passing through. */
class Digest extends Transform {
  readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    this.push(chunk);
    callback();
  }
}

/**
 * Gets a document another service renders from its own data and keeps it as generated evidence: the PDF is streamed
 * to a temporary file while hashed, stored content-addressed in the evidence file store with its `evidence_file` row,
 * and recorded as a GENERATED version (file id plus the source's provenance) of the document's evidence item in the
 * organisation's root unit, mapped to the document's clauses and controls, with the EvidenceItemChanged event, all in
 * one transaction. Re-generating bytes identical to the current version's records nothing (UNCHANGED); different bytes
 * supersede the current version, which stays as history. The new version awaits review like any evidence; its
 * generator is its collector, so someone else reviews it.
 */
export class GeneratedDocumentService {
  private readonly store: FileStore;
  private readonly tempDir: string;

  constructor(private readonly deps: ServiceDeps<EvidenceConfig>) {
    this.store = fileStoreFor(deps.config);
    this.tempDir = path.join(deps.config.EVIDENCE_DATA_DIR, 'tmp');
  }

  /** Generates every known document in turn (a document without data is reported NO_DATA). */
  async generateAll(generator: Generator, context: EventContext, documents: readonly GeneratedDocumentSpec[] = GENERATED_DOCUMENTS): Promise<GenerationResult[]> {
    const results: GenerationResult[] = [];
    for (const spec of documents) {
      try {
        results.push(await this.generateDocument(spec.document, generator, context));
      } catch (error) {
        // One document that cannot be generated (its service down, no root unit yet) does not stop the others; what
        // it would have written was rolled back with its own transaction.
        if (!(error instanceof DomainError)) throw error;
        results.push({ document: spec.document, artefact: spec.artefact, outcome: 'FAILED', evidenceId: null, versionNumber: null, sha256: null, provenance: null, error: { code: error.code, message: error.message } });
      }
    }
    return results;
  }

  async generateDocument(document: string, generator: Generator, context: EventContext): Promise<GenerationResult> {
    const spec = generatedDocumentSpec(document);
    if (!spec) {
      throw generatedDocumentErrors.raise('GENERATED_DOCUMENT_UNKNOWN', `"${document}" is not a generated document; the documents are ${GENERATED_DOCUMENTS.map((entry) => entry.document).join(', ')}`);
    }
    const origin = this.deps.config.DOCUMENT_SOURCES[spec.source];
    if (!origin) throw generatedDocumentErrors.raise('DOCUMENT_SOURCE_NOT_CONFIGURED', `no address for ${spec.source}-service in DOCUMENT_SOURCES: "${document}" cannot be generated`);
    const base = { document, artefact: spec.artefact, evidenceId: null, versionNumber: null, sha256: null, provenance: null };
    const fetched = await fetchGeneratedDocument(origin, this.deps.config.CLAIMS_SECRET, document, generator.organisationId);
    if (fetched.outcome === 'no-data') return { ...base, outcome: 'NO_DATA' };
    if (fetched.outcome !== 'ok') {
      this.deps.logger.warn({ document, outcome: fetched.outcome }, fetched.message);
      throw generatedDocumentErrors.raise('DOCUMENT_SOURCE_UNAVAILABLE', `"${spec.title}" could not be generated: ${spec.source}-service did not render it; try again later`);
    }
    await mkdir(this.tempDir, { recursive: true });
    const tempPath = path.join(this.tempDir, `${randomUUID()}.generated`);
    try {
      const digest = new Digest();
      const max = this.deps.config.EVIDENCE_MAX_FILE_BYTES;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          if (digest.size > max) callback(generatedDocumentErrors.raise('GENERATED_DOCUMENT_INVALID', `"${spec.title}" is larger than the file limit of ${max} bytes`));
          else callback(null, chunk);
        },
      });
      await pipeline(fetched.body, digest, limit, createWriteStream(tempPath, { flags: 'wx' }));
      await this.assertPdf(tempPath, digest.size, spec);
      const sha256 = digest.hash.digest('hex');
      return await this.record(spec, fetched.provenance, { tempPath, sha256, sizeBytes: digest.size }, generator, context);
    } finally {
      await rm(tempPath, { force: true });
    }
  }

  private async assertPdf(tempPath: string, size: number, spec: GeneratedDocumentSpec): Promise<void> {
    const handle = await open(tempPath, 'r');
    try {
      const head = Buffer.alloc(8);
      await handle.read(head, 0, 8, 0);
      if (size === 0 || !looksLikePdf(head)) throw generatedDocumentErrors.raise('GENERATED_DOCUMENT_INVALID', `"${spec.title}" did not come back as a PDF from ${spec.source}-service`);
    } finally {
      await handle.close();
    }
  }

  private async record(
    spec: GeneratedDocumentSpec,
    provenance: DocumentProvenance,
    file: { tempPath: string; sha256: string; sizeBytes: number },
    generator: Generator,
    context: EventContext,
  ): Promise<GenerationResult> {
    const organisationId = generator.organisationId;
    let stored = false;
    try {
      return await this.deps.dataSource.transaction(async (manager) => {
        // One generation of a document at a time per organisation, across requests and replicas.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('generated_document:' || $1 || ':' || $2, 0))`, [organisationId, spec.document]);
        const registry = await manager.getRepository(GeneratedDocumentEntity).findOneBy({ organisationId, document: spec.document });
        const existing = registry ? await manager.getRepository(EvidenceItemEntity).findOneBy({ organisationId, id: registry.evidenceId }) : null;
        const base = { document: spec.document, artefact: spec.artefact, provenance };
        if (existing && registry?.sha256 === file.sha256) {
          return { ...base, outcome: 'UNCHANGED' as const, evidenceId: existing.id, versionNumber: existing.currentVersion, sha256: file.sha256 };
        }
        const unitId = existing?.unitId ?? (await this.rootUnit(manager, organisationId));
        const now = new Date();
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('evidence_file:' || $1, 0))`, [file.sha256]);
        await this.store.put(file.sha256, file.tempPath, file.sizeBytes);
        stored = true;
        const fileRow = await manager.save(
          manager.create(EvidenceFileEntity, {
            organisationId,
            unitId,
            sha256: file.sha256,
            sizeBytes: String(file.sizeBytes),
            mediaType: 'application/pdf',
            fileName: generatedFileName(spec.document, provenance.dataAsOf),
            uploadedBy: generator.sub,
            uploadedAt: now,
          }),
        );
        const effectiveDate = dayOf(now);
        const dates = { effectiveDate, periodStart: null, periodEnd: null, validUntil: validUntilOf(effectiveDate) };
        const items = manager.getRepository(EvidenceItemEntity);
        let item: EvidenceItemEntity;
        let number: number;
        if (existing) {
          number = existing.currentVersion + 1;
          await manager.update(EvidenceVersionEntity, { organisationId, evidenceId: existing.id, number: existing.currentVersion }, { status: 'SUPERSEDED', supersededAt: now });
          Object.assign(existing, { ...dates, collectedAt: now, collectedBy: generator.sub, status: 'COLLECTED', currentVersion: number, reviewedBy: null, reviewedAt: null, reviewReason: null });
          item = await items.save(existing);
        } else {
          number = 1;
          item = await items.save(
            items.create({
              organisationId,
              unitId,
              title: spec.title,
              description: `Generated by the platform from ${spec.source}-service data${spec.artefact ? ` (Stage 1 artefact ${spec.artefact})` : ''}.`,
              source: 'GENERATED',
              collectedAt: now,
              collectedBy: generator.sub,
              ...dates,
              status: 'COLLECTED',
              currentVersion: 1,
              reviewedBy: null,
              reviewedAt: null,
              reviewReason: null,
            }),
          );
          await manager.getRepository(EvidenceMappingEntity).insert([
            ...spec.controlIds.map((ref) => ({ organisationId, evidenceId: item.id, kind: 'CONTROL' as const, ref, mappedBy: generator.sub, mappedAt: now })),
            ...spec.clauses.map((ref) => ({ organisationId, evidenceId: item.id, kind: 'CLAUSE' as const, ref, mappedBy: generator.sub, mappedAt: now })),
          ]);
        }
        await manager.getRepository(EvidenceVersionEntity).insert({
          organisationId,
          evidenceId: item.id,
          number,
          kind: 'GENERATED',
          fileId: fileRow.id,
          url: null,
          payload: null,
          assertionPassed: null,
          provenance,
          sha256: file.sha256,
          status: 'COLLECTED',
          decision: null,
          collectedBy: generator.sub,
          collectedAt: now,
          reviewedBy: null,
          reviewedAt: null,
          reviewReason: null,
          supersededAt: null,
        } as never);
        await manager.getRepository(EvidenceHistoryEntity).insert({
          organisationId,
          evidenceId: item.id,
          at: now,
          actor: generator.sub,
          action: existing ? 'VERSION_ADDED' : 'ADDED',
          version: number,
          detail: `generated from ${provenance.sourceService} (${provenance.records.length} records, data as of ${provenance.dataAsOf})${existing ? `; supersedes version ${number - 1}` : ''}`,
        });
        await manager.getRepository(GeneratedDocumentEntity).save({ organisationId, document: spec.document, evidenceId: item.id, sha256: file.sha256, generatedAt: now, generatedBy: generator.sub });
        const mappings = { controlIds: [...spec.controlIds].sort(), clauses: [...spec.clauses].sort() };
        await this.deps.outbox.record(manager, EvidenceItemChanged, item.id, toEvidenceEventData(item, mappings), context);
        return { ...base, outcome: existing ? ('NEW_VERSION' as const) : ('CREATED' as const), evidenceId: item.id, versionNumber: number, sha256: file.sha256 };
      });
    } catch (error) {
      if (stored) await this.removeIfUnreferenced(file.sha256).catch((cleanup: unknown) => this.deps.logger.error({ err: cleanup }, 'could not remove an unreferenced generated document'));
      throw error;
    }
  }

  /** The organisation's root unit (the one active unit without a parent): organisation-wide documents belong to it. */
  private async rootUnit(manager: EntityManager, organisationId: string): Promise<string> {
    const roots: { unit_id: string }[] = await manager.query('SELECT unit_id FROM unit_replica WHERE organisation_id = $1 AND parent_id IS NULL AND active ORDER BY unit_id', [organisationId]);
    if (roots.length !== 1) {
      throw generatedDocumentErrors.raise(
        'ROOT_UNIT_UNKNOWN',
        roots.length === 0 ? 'the organisation has no root unit yet: generated documents belong to it' : `the organisation has ${roots.length} units without a parent: generated documents need exactly one root unit`,
      );
    }
    return roots[0].unit_id;
  }

  private async removeIfUnreferenced(sha256: string): Promise<void> {
    await this.deps.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('evidence_file:' || $1, 0))`, [sha256]);
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM evidence_file WHERE sha256 = $1', [sha256])) as { n: number }[];
      if (n === 0) await this.store.delete(sha256);
    });
  }
}
