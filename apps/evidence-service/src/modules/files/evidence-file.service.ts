import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { DataSource, EntityManager } from 'typeorm';
import { Access, Claims } from '@iso27001/authz';
import { appendToTrail, HttpRequestContext, jsonSnapshot, Logger } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFileError } from './evidence-file.errors';
import { inspectFile, UploadInspector } from './evidence-file.inspection';
import { decideType, isUuid, sanitiseFileName } from './evidence-file.rules';
import { assertMayUpload, assertMayUploadInto, mayReadFile } from './evidence-file.scope';
import { FileStore } from './file-store.storage';

/** Buffer size of the upload's streams: large writes, few system calls; bounded memory per upload. */
const CHUNK = 1024 * 1024;

/** The form fields an upload may carry besides the file part. */
const FIELDS = ['unitId'] as const;

interface ReceivedUpload {
  tempPath: string;
  inspector: UploadInspector;
  rawName: string;
  tooLarge: boolean;
  fields: Partial<Record<(typeof FIELDS)[number], string>>;
}

/** Temporary files older than this are left over from a process that stopped mid-upload. */
export const STALE_UPLOAD_MS = 6 * 60 * 60 * 1000;

/**
 * Removes temporary upload files that no running upload can own any more (older than `olderThanMs`): what a process
 * that was killed mid-upload left behind. Returns how many were removed.
 */
export async function sweepTemporaryUploads(dataDir: string, olderThanMs = STALE_UPLOAD_MS, now = Date.now()): Promise<number> {
  const dir = path.join(dataDir, 'tmp');
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((entry) => entry.endsWith('.part'))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info?.isFile() && now - info.mtimeMs > olderThanMs) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

export interface DownloadableFile {
  file: EvidenceFileEntity;
  body: Readable;
}

/**
 * Evidence file uploads and downloads. An upload is streamed by busboy to a temporary file under the service's data
 * folder while its SHA-256, size and text findings are computed; only a complete, accepted file is moved into the
 * content-addressed store and recorded, in one transaction with its audit-trail rows. On any refusal or failure the
 * temporary file is removed and nothing is stored or recorded.
 */
export class EvidenceFileService {
  private readonly tempDir: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: FileStore,
    private readonly config: Pick<EvidenceConfig, 'EVIDENCE_DATA_DIR' | 'EVIDENCE_MAX_FILE_BYTES'>,
    private readonly logger: Logger,
  ) {
    this.tempDir = path.join(config.EVIDENCE_DATA_DIR, 'tmp');
  }

  async upload(headers: IncomingHttpHeaders, body: Readable, context: HttpRequestContext): Promise<EvidenceFileEntity> {
    assertMayUpload(context.claims);
    if (!/^multipart\/form-data\s*;/i.test(headers['content-type'] ?? '')) {
      throw new EvidenceFileError('UPLOAD_MALFORMED', 'the body must be multipart/form-data with the file in a part named "file" (and optionally a unitId field)');
    }
    await mkdir(this.tempDir, { recursive: true });
    let received: ReceivedUpload | null = null;
    try {
      received = await this.receive(headers, body);
      return await this.accept(received, context);
    } finally {
      if (received) await rm(received.tempPath, { force: true });
    }
  }

  /** Parses the multipart body, streaming the one file part to a temporary file. */
  private receive(headers: IncomingHttpHeaders, body: Readable): Promise<ReceivedUpload> {
    const max = this.config.EVIDENCE_MAX_FILE_BYTES;
    return new Promise<ReceivedUpload>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers, defParamCharset: 'utf8', highWaterMark: CHUNK, fileHwm: CHUNK, limits: { files: 1, fileSize: max + 1, fields: FIELDS.length + 1, fieldSize: 256, fieldNameSize: 64, parts: FIELDS.length + 2 } });
      } catch (error) {
        reject(new EvidenceFileError('UPLOAD_MALFORMED', `the multipart body cannot be read: ${(error as Error).message}`));
        return;
      }
      let upload: ReceivedUpload | null = null;
      let fileStream: Readable | null = null;
      let writing: Promise<void> | null = null;
      let problem: EvidenceFileError | null = null;
      const fields: ReceivedUpload['fields'] = {};
      const fail = (error: EvidenceFileError) => {
        problem ??= error;
      };
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || upload) {
          fail(new EvidenceFileError('UPLOAD_MALFORMED', upload ? 'send one file per upload' : `unexpected file part "${name}": send the file in a part named "file"`));
          stream.resume();
          return;
        }
        const current: ReceivedUpload = { tempPath: path.join(this.tempDir, `${randomUUID()}.part`), inspector: new UploadInspector(), rawName: info.filename ?? '', tooLarge: false, fields };
        upload = current;
        fileStream = stream;
        stream.on('limit', () => {
          current.tooLarge = true;
        });
        // flush: the file is on disk (fsync) before it is renamed into the store and its row says it exists.
        writing = pipeline(stream, current.inspector, createWriteStream(current.tempPath, { flags: 'wx', highWaterMark: CHUNK, flush: true }));
        writing.catch(() => undefined);
      });
      parser.on('field', (name, value) => {
        if (!(FIELDS as readonly string[]).includes(name)) fail(new EvidenceFileError('UPLOAD_MALFORMED', `unknown field "${name}": the fields are ${FIELDS.join(', ')} and the file part "file"`));
        else fields[name as (typeof FIELDS)[number]] = value;
      });
      const tooMany = () => fail(new EvidenceFileError('UPLOAD_MALFORMED', `too many parts: send one file part "file" and at most the fields ${FIELDS.join(', ')}`));
      parser.on('filesLimit', tooMany);
      parser.on('fieldsLimit', tooMany);
      parser.on('partsLimit', tooMany);
      let settled = false;
      const finish = async (error?: unknown) => {
        if (settled) return;
        settled = true;
        // A body cut off (or unreadable) mid-file never ends the file part: end its stream so the write settles.
        if (error && fileStream && !fileStream.readableEnded) fileStream.destroy(error instanceof Error ? error : new Error(String(error)));
        try {
          await writing;
        } catch (writeError) {
          error ??= writeError;
        }
        if (upload && (problem || error)) await rm((upload as ReceivedUpload).tempPath, { force: true });
        if (problem) return reject(problem);
        if (error) return reject(error instanceof EvidenceFileError ? error : new EvidenceFileError('UPLOAD_MALFORMED', `the multipart body cannot be read: ${(error as Error).message}`));
        if (!upload) return reject(new EvidenceFileError('FILE_MISSING', 'no file in the upload: send the file in a part named "file"'));
        resolve(upload);
      };
      parser.on('close', () => void finish());
      parser.on('error', (error) => void finish(error));
      body.on('error', (error) => void finish(error));
      body.on('aborted', () => void finish(new EvidenceFileError('UPLOAD_MALFORMED', 'the upload was cut off before its end')));
      body.pipe(parser);
    });
  }

  /** Checks a received file and, when it passes, stores it and records its row (with the trail) in one transaction. */
  private async accept(upload: ReceivedUpload, context: HttpRequestContext): Promise<EvidenceFileEntity> {
    const { claims, access } = context;
    // busboy stops at one byte past the limit (fileSize is max + 1), so a file of exactly the limit passes.
    if (upload.tooLarge || upload.inspector.sizeBytes > this.config.EVIDENCE_MAX_FILE_BYTES) {
      throw new EvidenceFileError('FILE_TOO_LARGE', `the file is larger than the limit of ${this.config.EVIDENCE_MAX_FILE_BYTES} bytes`);
    }
    const sizeBytes = upload.inspector.sizeBytes;
    if (sizeBytes === 0) throw new EvidenceFileError('FILE_EMPTY', 'the file is empty: upload a file with content');
    const fileName = sanitiseFileName(upload.rawName);
    if (!fileName) throw new EvidenceFileError('FILE_NAME_INVALID', 'the file part has no usable file name: give it a name such as "report.pdf"');
    const unitId = upload.fields.unitId?.trim() || null;
    if (unitId !== null && !isUuid(unitId)) throw new EvidenceFileError('UNIT_ID_INVALID', 'unitId must be a UUID');
    assertMayUploadInto(access, unitId?.toLowerCase() ?? null);
    const decision = decideType(fileName, await inspectFile(upload.tempPath, upload.inspector));
    if (!decision.accepted) throw new EvidenceFileError('FILE_TYPE_REFUSED', `"${fileName}" is refused: ${decision.reason}`);
    const sha256 = upload.inspector.sha256();

    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.lockContent(manager, sha256);
        await this.store.put(sha256, upload.tempPath, sizeBytes);
        const row = manager.create(EvidenceFileEntity, {
          organisationId: claims.organisationId,
          unitId: unitId?.toLowerCase() ?? null,
          sha256,
          sizeBytes: String(sizeBytes),
          mediaType: decision.mediaType,
          fileName,
          uploadedBy: claims.sub,
          uploadedAt: new Date(),
        });
        const saved = await manager.save(row);
        await appendToTrail(manager.queryRunner ?? manager, this.caller(context, claims), [
          { action: 'MUTATION', recordType: null, recordId: null, before: null, after: jsonSnapshot({ fileName, unitId, sizeBytes, mediaType: decision.mediaType, sha256 }) },
          { action: 'INSERT', recordType: 'evidence_file', recordId: saved.id, before: null, after: jsonSnapshot({ ...saved }) },
        ]);
        return saved;
      });
    } catch (error) {
      // The row was not written: the bytes go again unless another row (an earlier upload of the same bytes) has them.
      await this.deleteIfUnreferenced(sha256).catch((cleanup: unknown) => this.logger.error({ err: cleanup, sha256 }, 'could not remove an unreferenced evidence object'));
      throw error;
    }
  }

  private caller(context: HttpRequestContext, claims: Claims) {
    return {
      chain: claims.organisationId,
      actor: claims.sub,
      actorEmail: claims.email ?? null,
      actorRoles: [...claims.roles],
      engagementId: claims.engagementId ?? null,
      operation: 'uploadEvidenceFile',
      requestId: context.requestId,
    };
  }

  /** Serialises storing and removing one content address across requests and replicas (until the transaction ends). */
  private async lockContent(manager: EntityManager, sha256: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('evidence_file:' || $1, 0))`, [sha256]);
  }

  /** Removes stored bytes that no file row references (under the content's lock). */
  async deleteIfUnreferenced(sha256: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockContent(manager, sha256);
      const [{ n }] = (await manager.query('SELECT count(*)::int AS n FROM evidence_file WHERE sha256 = $1', [sha256])) as { n: number }[];
      if (n > 0) return false;
      await this.store.delete(sha256);
      return true;
    });
  }

  /** The file's row if the caller may read it; otherwise FILE_NOT_FOUND, whether it exists or not. */
  async findReadable(id: string, claims: Claims, access: Access): Promise<EvidenceFileEntity> {
    if (!isUuid(id)) throw new EvidenceFileError('FILE_ID_INVALID', 'the file id must be a UUID');
    const file = await this.dataSource.getRepository(EvidenceFileEntity).findOneBy({ id: id.toLowerCase(), organisationId: claims.organisationId });
    if (!file || !(await mayReadFile(this.dataSource, claims, access, file))) throw new EvidenceFileError('FILE_NOT_FOUND', `no evidence file ${id} that you may read`);
    return file;
  }

  /** The readable file with its bytes as a stream from the store. */
  async download(id: string, context: HttpRequestContext): Promise<DownloadableFile> {
    const file = await this.findReadable(id, context.claims, context.access);
    const body = await this.store.get(file.sha256);
    if (!body) {
      this.logger.error({ fileId: file.id, sha256: file.sha256 }, 'evidence file row without its stored object');
      throw new EvidenceFileError('STORAGE_UNAVAILABLE', 'the file\'s content cannot be read right now');
    }
    return { file, body };
  }
}
