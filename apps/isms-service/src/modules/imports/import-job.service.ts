import { ServiceDeps } from '@iso27001/platform';
import { ImportJobEntity, ImportJobErrorEntity } from './import-job.entity';
import { importJobErrors } from './import-job.errors';
import { ImportErrorsArgs, StartImportInput } from './import-job.input';
import { ImportJobRunner } from './import-job.runner';

export interface ImportRequester {
  organisationId: string;
  actor: string;
}

/** Jobs started by this process and still running (lets a graceful stop or a benchmark wait for them). */
const running = new Set<Promise<void>>();

export async function importsSettled(): Promise<void> {
  await Promise.allSettled([...running]);
}

/** Runs an import in the background of this process, logging a crash instead of losing it. */
export function trackImport(run: Promise<void>, deps: Pick<ServiceDeps, 'logger'>, jobId: string): void {
  const job = run
    .catch((error: unknown) => deps.logger.error({ err: error, jobId }, 'import job crashed'))
    .finally(() => running.delete(job));
  running.add(job);
}

export class ImportJobService {
  constructor(private readonly deps: ServiceDeps<{ IMPORT_MAX_BYTES: number } & ServiceDeps['config']>) {}

  /** Checks the upload, stores it as a QUEUED job and starts it in the background once committed. */
  async start(input: StartImportInput, requester: ImportRequester): Promise<ImportJobEntity> {
    const maxBytes = this.deps.config.IMPORT_MAX_BYTES;
    const base64 = input.contentBase64.replace(/\s+/g, '');
    if (base64.length > Math.ceil((maxBytes * 4) / 3) + 4) {
      throw importJobErrors.raise('FILE_TOO_LARGE', `the file is larger than the limit of ${maxBytes} bytes; split it into several imports`, { maxBytes });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1) {
      throw importJobErrors.raise('FILE_NOT_BASE64', 'contentBase64 is not valid base64');
    }
    const content = Buffer.from(base64, 'base64');
    if (content.length === 0) throw importJobErrors.raise('FILE_EMPTY', 'the file is empty');
    if (content.length > maxBytes) {
      throw importJobErrors.raise('FILE_TOO_LARGE', `the file has ${content.length} bytes, more than the limit of ${maxBytes}; split it into several imports`, { maxBytes });
    }
    const repository = this.deps.dataSource.getRepository(ImportJobEntity);
    const saved = await repository.save(
      repository.create({
        organisationId: requester.organisationId,
        kind: input.kind,
        fileName: input.fileName.trim(),
        content,
        sizeBytes: content.length,
        dryRun: input.dryRun,
        status: 'QUEUED',
        requestedBy: requester.actor,
      }),
    );
    trackImport(new ImportJobRunner(this.deps).run(saved.id), this.deps, saved.id);
    return (await this.get(requester.organisationId, saved.id)) as ImportJobEntity;
  }

  get(organisationId: string, id: string): Promise<ImportJobEntity | null> {
    return this.deps.dataSource.getRepository(ImportJobEntity).findOneBy({ organisationId, id });
  }

  list(organisationId: string, first: number): Promise<ImportJobEntity[]> {
    return this.deps.dataSource.getRepository(ImportJobEntity).find({ where: { organisationId }, order: { createdAt: 'DESC' }, take: first });
  }

  errors(jobId: string, args: ImportErrorsArgs): Promise<ImportJobErrorEntity[]> {
    return this.deps.dataSource
      .getRepository(ImportJobErrorEntity)
      .find({ where: { jobId }, order: { rowNumber: 'ASC', id: 'ASC' }, skip: args.offset, take: args.first });
  }
}
