import { createHash } from 'node:crypto';
import express, { NextFunction, Request, Response, Router } from 'express';
import { ZipFile } from 'yazl';
import { DomainError, httpRequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceFileEntity } from '../files/evidence-file.entity';
import { sanitiseFileName } from '../files/evidence-file.rules';
import { fileStoreFor } from '../files/file-store.factory';
import { csvRow } from './stage1-pack.rules';
import { PackFileEntry, Stage1PackService } from './stage1-pack.service';

/** One file of the archive as the manifest lists it. */
interface ManifestFile {
  path: string;
  sha256: string;
  sizeBytes: number;
  artefactId: string;
  evidenceId: string;
  versionNumber: number;
  kind: string;
}

/** A file of the archive: a stored object streamed when its turn comes, or a small JSON body. */
type PlannedFile = ManifestFile & ({ source: 'store' } | { source: 'buffer'; body: Buffer });

const STATUS_OF: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_USER_INPUT: 400, CONFLICT: 409 };

function answer(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ code, message });
}

/** The archive's files: each accepted artefact's current version (files from the store, links and records as JSON). */
async function plan(deps: ServiceDeps<EvidenceConfig>, organisationId: string, entries: PackFileEntry[]): Promise<PlannedFile[]> {
  const fileIds = [...new Set(entries.map((entry) => entry.version.fileId).filter((id): id is string => Boolean(id)))];
  const files = fileIds.length
    ? await deps.dataSource.getRepository(EvidenceFileEntity).createQueryBuilder('f').where('f.organisation_id = :organisationId AND f.id = ANY(:ids::uuid[])', { organisationId, ids: fileIds }).getMany()
    : [];
  const byId = new Map(files.map((file) => [file.id, file]));
  const planned: PlannedFile[] = [];
  for (const { artefactId, item, version } of entries) {
    const base = { artefactId, evidenceId: item.id, versionNumber: version.number, kind: version.kind };
    const stem = `${artefactId}/${item.id}-v${version.number}`;
    const file = version.fileId ? byId.get(version.fileId) : undefined;
    if (file) {
      planned.push({ ...base, source: 'store', path: `${stem}-${sanitiseFileName(file.fileName) || 'file'}`, sha256: file.sha256, sizeBytes: Number(file.sizeBytes) });
      continue;
    }
    const body = Buffer.from(
      JSON.stringify(
        { evidenceId: item.id, title: item.title, versionNumber: version.number, kind: version.kind, url: version.url, payload: version.payload, assertionPassed: version.assertionPassed, provenance: version.provenance, sha256: version.sha256, collectedAt: version.collectedAt },
        null,
        2,
      ),
    );
    planned.push({ ...base, source: 'buffer', body, path: `${stem}.json`, sha256: createHash('sha256').update(body).digest('hex'), sizeBytes: body.length });
  }
  return planned;
}

/**
 * `GET /evidence/stage1-pack/<scopeVersionId>.zip` under the subgraph's `/files` mount (the gateway streams it through,
 * logging an auditor's download in the engagement's access log): the accepted artefacts' current files, read from the
 * store one at a time as the archive is written (yazl opens each stream only when its entry's turn comes), then
 * `checklist.csv` and `manifest.json` with every file's SHA-256, size, artefact, evidence id and version.
 */
export function stage1PackRoutes(deps: ServiceDeps<EvidenceConfig>): Router {
  const service = new Stage1PackService(deps);
  const store = fileStoreFor(deps.config);
  const router = express.Router();

  router.get('/evidence/stage1-pack/:file', async (req: Request, res: Response, next: NextFunction) => {
    const context = httpRequestContext(res);
    const match = /^([0-9a-fA-F-]{36})\.zip$/.exec(String(req.params['file']));
    if (!match) return answer(res, 404, 'STAGE1_SCOPE_NOT_FOUND', 'the pack is downloaded as /evidence/stage1-pack/<scopeVersionId>.zip');
    let planned: PlannedFile[];
    let checklist: Buffer;
    let scopeLabel: string;
    try {
      const caller = { claims: context.claims, access: context.access };
      const pack = await service.pack(caller, match[1]);
      planned = await plan(deps, caller.claims.organisationId, await service.exportEntries(pack));
      // A stored object that has gone is found before the first byte is sent, so the caller gets an error, not half a zip.
      for (const file of planned.filter((entry) => entry.source === 'store')) {
        if (!(await store.head(file.sha256))) {
          deps.logger.error({ sha256: file.sha256, evidenceId: file.evidenceId }, 'evidence file row without its stored object');
          return answer(res, 503, 'STORAGE_UNAVAILABLE', 'a file of the pack cannot be read right now');
        }
      }
      checklist = Buffer.from(
        [
          csvRow(['artefact', 'title', 'status', 'evidence', 'files in pack', 'applicable controls', 'controls accepted']),
          ...pack.entries.map((entry) =>
            csvRow([
              entry.artefact.id,
              entry.artefact.title,
              entry.status,
              entry.evidence.length,
              planned.filter((file) => file.artefactId === entry.artefact.id).length,
              entry.controls?.applicable ?? '',
              entry.controls?.accepted ?? '',
            ]),
          ),
        ].join(''),
      );
      scopeLabel = `scope ${pack.scope.scopeId} version ${pack.scope.version}, as of ${pack.asOf}`;
    } catch (error) {
      if (error instanceof DomainError) return answer(res, STATUS_OF[error.category] ?? 400, error.code, error.message);
      return next(error);
    }

    const zip = new ZipFile();
    const mtime = new Date();
    res.status(200).set({
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="stage1-pack-${match[1].toLowerCase()}.zip"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    for (const file of planned) {
      if (file.source === 'buffer') {
        zip.addBuffer(file.body, file.path, { mtime });
        continue;
      }
      // Stored, not deflated: evidence files are mostly PDFs, images and Office files that are compressed already, and
      // deflating them again costs far more CPU than it saves bytes.
      zip.addReadStreamLazy(file.path, { mtime, size: file.sizeBytes, compress: false }, (callback) => {
        store.get(file.sha256).then(
          (stream) => (stream ? callback(null, stream) : callback(new Error(`stored object ${file.sha256} is gone`), null as never)),
          (error: Error) => callback(error, null as never),
        );
      });
    }
    zip.addBuffer(checklist, 'checklist.csv', { mtime });
    const manifest = {
      pack: scopeLabel,
      generatedAt: mtime.toISOString(),
      files: [
        ...planned.map(({ path, sha256, sizeBytes, artefactId, evidenceId, versionNumber, kind }) => ({ path, sha256, sizeBytes, artefactId, evidenceId, versionNumber, kind })),
        { path: 'checklist.csv', sha256: createHash('sha256').update(checklist).digest('hex'), sizeBytes: checklist.length, artefactId: null, evidenceId: null, versionNumber: null, kind: 'CHECKLIST' },
      ],
    };
    zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { mtime });
    zip.end();
    zip.outputStream.on('error', (error: Error) => {
      deps.logger.error({ err: error }, 'writing the Stage 1 pack failed');
      res.destroy();
    });
    zip.outputStream.pipe(res);
  });

  return router;
}
