import { createHash, randomUUID } from 'node:crypto';
import { FilesPlatform, s3StoreEnv, startFilesPlatform } from './evidence-files.harness';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d0e2d6a50000000049454e44ae426082', 'hex');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The same upload and download through the gateway with evidence-service storing in a real S3-compatible server. */
describe('evidence files through the gateway (S3 store on S3Mock)', () => {
  let platform: FilesPlatform;

  beforeAll(async () => {
    platform = await startFilesPlatform({ label: 'files-s3', env: { ...s3StoreEnv(), EVIDENCE_MAX_FILE_BYTES: String(1024 * 1024) } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('uploads into the bucket, stores the same bytes once, and downloads them with the SHA-256 as ETag', async () => {
    const token = await platform.token('control.owner@demo.example');
    const bytes = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n${'x'.repeat(200_000)}\n%%EOF\n`);
    const parts = [{ field: 'unitId', value: platform.units.itOps }, { file: bytes, name: 'access-review.pdf' }];
    const first = await platform.upload(token, parts);
    const second = await platform.upload(token, parts);
    expect([first.status, second.status, first.body.sha256]).toEqual([201, 201, sha256(bytes)]);
    expect(await platform.counts()).toEqual({ rows: 2, objects: 1, temporary: 0 });
    expect(await platform.store.head(sha256(bytes))).toEqual({ sha256: sha256(bytes), sizeBytes: bytes.length });
    const download = await platform.download(token, first.body.id as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('puts nothing in the bucket for a refused upload', async () => {
    const token = await platform.token('control.owner@demo.example');
    const before = await platform.counts();
    const wrongType = await platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file: PNG, name: 'scan.pdf' }]);
    const tooLarge = await platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file: Buffer.alloc(1024 * 1024 + 1, 'z'), name: 'big.txt' }]);
    expect([wrongType.status, wrongType.body.code, tooLarge.status, tooLarge.body.code]).toEqual([415, 'FILE_TYPE_REFUSED', 413, 'FILE_TOO_LARGE']);
    expect(await platform.counts()).toEqual({ ...before, temporary: 0 });
  });
});
