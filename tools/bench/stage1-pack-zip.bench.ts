/**
 * The Stage 1 pack's ZIP: streaming a pack of large accepted files from evidence-service's disk store, beside a raw read
 * of the same stored files, in one run; and the process's peak memory growth while the archive streams (evidence-service
 * and the client that hashes the archive run in this process). The files are written one 1 MiB block at a time, never
 * held whole. Peak memory is the kernel's high-water mark (VmHWM), reset before the download (clear_refs 5, as root;
 * otherwise the peak since start is reported and said so).
 * Target: memory growth stays flat (≤ 64 MB) whatever the pack's size; the archive streams at a useful share of a raw read.
 *   node -r @swc-node/register tools/bench/stage1-pack-zip.bench.ts [files=4] [fileMB=128]
 */
import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CLAIMS_HEADER, Role, signClaimsToken } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, testSecret, uniqueTopicPrefix } from '@iso27001/testing';
import { fileStoreFor } from '../../apps/evidence-service/src/modules/files/file-store.factory';
import { evidence } from '../../apps/evidence-service/src/subgraph';

const MiB = 1024 * 1024;
const BLOCK = randomBytes(MiB);
const CLAUSES = ['4.3', '5.2', '6.1.2', '6.2', '7.2', '8.2', '9.1', '10.2'];

async function peakKiB(): Promise<{ kib: number }> {
  const status = await readFile('/proc/self/status', 'utf8');
  return { kib: Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) };
}

async function resetPeak(): Promise<boolean> {
  try {
    await writeFile('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const files = Number(process.argv[2] ?? 4);
  const fileMB = Number(process.argv[3] ?? 128);
  const prefix = uniqueTopicPrefix('bench-stage1');
  const secret = testSecret();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-stage1-'));
  const service = await startTestSubgraph(evidence, { topicPrefix: prefix, secret, env: { EVIDENCE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' } });
  try {
    const db = service.deps.dataSource;
    const store = fileStoreFor(service.deps.config);
    const manager = testClaims([Role.IsmsManager]);
    const organisationId = manager.organisationId;
    const root = randomUUID();
    const scopeId = randomUUID();
    await db.query(`INSERT INTO unit_replica (organisation_id, unit_id, name, kind, parent_id, active, updated_at) VALUES ($1, $2, 'Bank', 'BUSINESS_UNIT', NULL, true, now())`, [organisationId, root]);
    await db.query(`INSERT INTO isms_scope_replica (organisation_id, scope_id, version, in_scope_unit_ids, approved_at, approved_by, superseded) VALUES ($1, $2, 1, $3::uuid[], now(), 'ceo', false)`, [
      organisationId,
      scopeId,
      [root],
    ]);
    const stored: string[] = [];
    for (let i = 0; i < files; i++) {
      const temp = path.join(dataDir, `seed-${i}.bin`);
      const hash = createHash('sha256');
      async function* bytes() {
        const head = Buffer.from(`%PDF-1.7\n% file ${i}\n`);
        hash.update(head);
        yield head;
        for (let block = 0; block < fileMB; block++) {
          hash.update(BLOCK);
          yield BLOCK;
        }
      }
      await pipeline(Readable.from(bytes()), createWriteStream(temp));
      const sha256 = hash.digest('hex');
      const size = fileMB * MiB + Buffer.byteLength(`%PDF-1.7\n% file ${i}\n`);
      await store.put(sha256, temp, size);
      stored.push(sha256);
      const [{ id: fileId }] = await db.query(
        `INSERT INTO evidence_file (organisation_id, unit_id, sha256, size_bytes, media_type, file_name, uploaded_by) VALUES ($1, $2, $3, $4, 'application/pdf', $5, 'bench') RETURNING id`,
        [organisationId, root, sha256, size, `document-${i}.pdf`],
      );
      const [{ id: itemId }] = await db.query(
        `INSERT INTO evidence_item (organisation_id, unit_id, title, source, collected_at, collected_by, effective_date, status, current_version, reviewed_by, reviewed_at)
         VALUES ($1, $2, $3, 'MANUAL', now(), 'bench', current_date, 'APPROVED', 1, 'reviewer', now()) RETURNING id`,
        [organisationId, root, `Document ${i}`],
      );
      await db.query(
        `INSERT INTO evidence_version (organisation_id, evidence_id, number, kind, file_id, sha256, status, decision, collected_by, collected_at, reviewed_by, reviewed_at)
         VALUES ($1, $2, 1, 'FILE', $3, $4, 'APPROVED', 'APPROVED', 'bench', now(), 'reviewer', now())`,
        [organisationId, itemId, fileId, sha256],
      );
      await db.query(`INSERT INTO evidence_mapping (organisation_id, evidence_id, kind, ref, mapped_by, mapped_at) VALUES ($1, $2, 'CLAUSE', $3, 'bench', now())`, [
        organisationId,
        itemId,
        CLAUSES[i % CLAUSES.length],
      ]);
    }
    const totalMiB = (files * fileMB).toFixed(0);

    // Raw read of the same stored objects, hashed, one after another.
    let started = process.hrtime.bigint();
    for (const sha256 of stored) {
      const hash = createHash('sha256');
      const body = (await store.get(sha256)) as Readable;
      for await (const chunk of body) hash.update(chunk as Buffer);
    }
    const rawSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    // The pack, through evidence-service's route, hashed as it arrives and never kept.
    const url = new URL(`/files/evidence/stage1-pack/${scopeId}.zip`, new URL(service.url).origin);
    const token = await signClaimsToken(manager, secret);
    const warm = await fetch(url, { headers: { [CLAIMS_HEADER]: token } });
    await warm.arrayBuffer().catch(() => undefined);
    global.gc?.();
    const reset = await resetPeak();
    const before = await peakKiB();
    started = process.hrtime.bigint();
    const response = await fetch(url, { headers: { [CLAIMS_HEADER]: await signClaimsToken(manager, secret) } });
    if (response.status !== 200 || !response.body) throw new Error(`the pack answered ${response.status}`);
    const zipHash = createHash('sha256');
    let zipBytes = 0;
    for await (const chunk of Readable.fromWeb(response.body as never)) {
      zipHash.update(chunk as Buffer);
      zipBytes += (chunk as Buffer).length;
    }
    const zipSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = await peakKiB();
    const growthMB = (after.kib - before.kib) / 1024;

    console.log(`stage1-pack-zip: ${files} files × ${fileMB} MiB = ${totalMiB} MiB stored; archive ${(zipBytes / MiB).toFixed(1)} MiB`);
    console.log(`stage1-pack-zip: raw read ${(files * fileMB / rawSeconds).toFixed(0)} MiB/s, zip stream ${(zipBytes / MiB / zipSeconds).toFixed(0)} MiB/s, ratio ${(rawSeconds / zipSeconds).toFixed(2)} of the raw read`);
    console.log(
      `stage1-pack-zip: peak RSS growth while streaming ${growthMB.toFixed(1)} MB (${reset ? 'peak reset before the download' : 'peak since start: clear_refs not permitted'}), ${((growthMB / (zipBytes / MiB)) * 100).toFixed(2)} % of the archive; target ≤ 64 MB`,
    );
  } finally {
    await service.close();
    await deleteTopicsWithPrefix(prefix);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
