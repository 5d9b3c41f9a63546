import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, TestSubgraph, testS3, uniqueTopicPrefix } from '@iso27001/testing';
import { audit } from '../../audit-service/src/subgraph';
import { DEMO_ORGANISATION_ID, demoSubject } from '../../gateway/src/oidc/demo-users';
import { startTestGateway, TestGateway } from './test-gateway';
import { EvidenceConfig } from '../../evidence-service/src/config';
import { fileStoreFor } from '../../evidence-service/src/modules/files/file-store.factory';
import { FileStore } from '../../evidence-service/src/modules/files/file-store.storage';
import { evidence } from '../../evidence-service/src/subgraph';

/** One part of a multipart body: a field, or a file with its raw Content-Disposition file name parameter. */
export type Part = { field: string; value: string } | { file: Buffer | string; name?: string; filenameParam?: string; contentType?: string; partName?: string };

/**
 * A multipart/form-data body built byte by byte, so a test controls exactly what the server receives (hostile
 * names, NULs and RTL overrides included) rather than what a client library would clean up first.
 */
export function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----evidence${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('field' in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`));
      continue;
    }
    const filename = part.filenameParam ?? `filename="${part.name ?? 'file.bin'}"`;
    chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.partName ?? 'file'}"; ${filename}\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.file) ? part.file : Buffer.from(part.file));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface UploadAnswer {
  status: number;
  body: { id?: string; sha256?: string; sizeBytes?: number; mediaType?: string; fileName?: string; code?: string; message?: string; errors?: unknown[] };
}

export interface FilesPlatform {
  gateway: TestGateway;
  evidenceService: TestSubgraph<EvidenceConfig>;
  auditService: TestSubgraph<never> | null;
  store: FileStore;
  dataDir: string;
  units: { itOps: string; payments: string };
  token(email: string): Promise<string>;
  upload(token: string, parts: Part[], headers?: Record<string, string>): Promise<UploadAnswer>;
  download(token: string, id: string, headers?: Record<string, string>): Promise<Response>;
  graphql<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Rows in evidence_file, objects in the store, and temporary files left in the data folder. */
  counts(): Promise<{ rows: number; objects: number; temporary: number }>;
  close(): Promise<void>;
}

/**
 * evidence-service (and audit-service when auditors are tested) behind the real gateway with its embedded provider.
 * The evidence-service's replica gets the demo control owner as a person assigned to IT Operations, and the risk owner
 * to Payments: fixture rows in the real tables, as the replication from isms-service would write them.
 */
export async function startFilesPlatform(options: { env?: Record<string, string>; withAudit?: boolean; label: string }): Promise<FilesPlatform> {
  const prefix = uniqueTopicPrefix(options.label);
  const secret = randomBytes(32).toString('hex');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'evidence-files-'));
  const env = { EVIDENCE_DATA_DIR: dataDir, ...options.env };
  const evidenceService = await startTestSubgraph(evidence, { topicPrefix: prefix, secret, env });
  const auditService = options.withAudit ? ((await startTestSubgraph(audit as never, { topicPrefix: prefix, secret })) as TestSubgraph<never>) : null;
  const gateway = await startTestGateway({ secret, subgraphUrls: { evidence: evidenceService.url, ...(auditService ? { audit: auditService.url } : {}) }, maxQueryDepth: 8 });
  const units = { itOps: randomUUID(), payments: randomUUID() };
  const db = evidenceService.deps.dataSource;
  for (const [unitId, name] of [
    [units.itOps, 'IT Operations'],
    [units.payments, 'Payments'],
  ]) {
    for (const service of [evidenceService, auditService]) {
      await service?.deps.dataSource.query(`INSERT INTO unit_replica (organisation_id, unit_id, name, kind, parent_id, active, updated_at) VALUES ($1, $2, $3, 'DEPARTMENT', NULL, true, now())`, [
        DEMO_ORGANISATION_ID,
        unitId,
        name,
      ]);
    }
  }
  for (const [email, role, unitId] of [
    ['control.owner@demo.example', Role.ControlOwner, units.itOps],
    ['risk.owner@demo.example', Role.RiskOwner, units.payments],
  ]) {
    const personId = randomUUID();
    await db.query(`INSERT INTO person_replica (organisation_id, person_id, email, name, active, updated_at) VALUES ($1, $2, $3, $3, true, now())`, [DEMO_ORGANISATION_ID, personId, email]);
    await db.query(`INSERT INTO role_assignment_replica (organisation_id, assignment_id, person_id, role, unit_id, active, updated_at) VALUES ($1, $2, $3, $4, $5, true, now())`, [
      DEMO_ORGANISATION_ID,
      randomUUID(),
      personId,
      role,
      unitId,
    ]);
  }
  const store = fileStoreFor(evidenceService.deps.config);
  const tokens = new Map<string, Promise<string>>();
  const filesUrl = new URL('/evidence/files', gateway.url).toString();

  return {
    gateway,
    evidenceService,
    auditService,
    store,
    dataDir,
    units,
    token: (email) => {
      if (!tokens.has(email)) tokens.set(email, gateway.tokenFor(email));
      return tokens.get(email) as Promise<string>;
    },
    async upload(token, parts, headers = {}) {
      const { body, contentType } = multipart(parts);
      const response = await fetch(filesUrl, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...headers }, body });
      return { status: response.status, body: (await response.json()) as UploadAnswer['body'] };
    },
    download: (token, id, headers = {}) => fetch(`${filesUrl}/${id}`, { headers: { authorization: `Bearer ${token}`, ...headers } }),
    async graphql(token, query, variables = {}) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as never;
    },
    async counts() {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM evidence_file');
      const temporary = await readdir(path.join(dataDir, 'tmp')).catch(() => []);
      return { rows: n, objects: (await store.list()).length, temporary: temporary.length };
    },
    async close() {
      await gateway?.stop();
      await evidenceService?.close();
      await auditService?.close();
      await deleteTopicsWithPrefix(prefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const subjectOf = demoSubject;

/** evidence-service settings for the S3 store on the test S3 server, under a key prefix of this run's own. */
export function s3StoreEnv(): Record<string, string> {
  const { endpoint, bucket } = testS3();
  return {
    EVIDENCE_STORAGE: 's3',
    EVIDENCE_S3_ENDPOINT: endpoint,
    EVIDENCE_S3_BUCKET: bucket,
    // S3Mock checks no signature; the SDK signs every request, so it needs some key pair.
    EVIDENCE_S3_ACCESS_KEY_ID: 'test-access-key',
    EVIDENCE_S3_SECRET_ACCESS_KEY: randomBytes(16).toString('hex'),
    EVIDENCE_S3_PREFIX: `run-${randomBytes(6).toString('hex')}/`,
  };
}
