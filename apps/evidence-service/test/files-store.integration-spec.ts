import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { configSchema } from '../src/config';
import { DiskFileStore } from '../src/modules/files/disk-file-store.storage';
import { STALE_UPLOAD_MS, sweepTemporaryUploads } from '../src/modules/files/evidence-file.service';
import { fileStoreFor } from '../src/modules/files/file-store.factory';
import { FileStore } from '../src/modules/files/file-store.storage';
import { testS3Env } from './files-s3';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const read = async (stream: Readable) => Buffer.concat(await stream.toArray());

/** The two file stores keep the same contract: content-addressed, written once, streamed, keys that are hashes only. */
describe.each([
  ['disk', (dir: string) => new DiskFileStore(dir)],
  ['s3 (S3Mock)', () => fileStoreFor(configSchema.parse({ CLAIMS_SECRET: randomBytes(32).toString('hex'), ...testS3Env() }))],
] as const)('evidence file store: %s', (_kind, create) => {
  let dir: string;
  let store: FileStore;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'evidence-store-'));
    store = create(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function temporary(bytes: Buffer): Promise<string> {
    const file = path.join(dir, `${randomBytes(4).toString('hex')}.part`);
    await writeFile(file, bytes);
    return file;
  }

  it('stores bytes under their SHA-256, streams them back, and consumes the temporary file', async () => {
    const bytes = randomBytes(9 * 1024 * 1024 + 17); // more than one multipart part
    const hash = sha256(bytes);
    const source = await temporary(bytes);
    expect(await store.head(hash)).toBeNull();
    await store.put(hash, source, bytes.length);
    expect(await store.head(hash)).toEqual({ sha256: hash, sizeBytes: bytes.length });
    expect(sha256(await read((await store.get(hash)) as Readable))).toBe(hash);
    expect((await readdir(dir)).filter((name) => name.endsWith('.part'))).toEqual([]);
    expect(await store.list()).toContain(hash);
  });

  it('writes an object once: the same bytes again change nothing; delete removes it', async () => {
    const bytes = Buffer.from(`evidence ${randomBytes(8).toString('hex')}`);
    const hash = sha256(bytes);
    await store.put(hash, await temporary(bytes), bytes.length);
    const listed = (await store.list()).length;
    await store.put(hash, await temporary(bytes), bytes.length);
    expect((await store.list()).length).toBe(listed);
    await store.delete(hash);
    expect(await store.head(hash)).toBeNull();
    expect(await store.get(hash)).toBeNull();
  });

  it('takes nothing but a hex SHA-256 as a key', async () => {
    for (const key of ['../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
      await expect(store.head(key)).rejects.toThrow('a file store key is a lower-case hex SHA-256');
    }
  });
});

describe('temporary upload files', () => {
  it('removes those an interrupted process left behind, and never a recent one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'evidence-sweep-'));
    try {
      await mkdir(path.join(dir, 'tmp'));
      const stale = path.join(dir, 'tmp', 'stale.part');
      const recent = path.join(dir, 'tmp', 'recent.part');
      const other = path.join(dir, 'tmp', 'notes.txt');
      for (const file of [stale, recent, other]) await writeFile(file, 'x');
      const old = new Date(Date.now() - STALE_UPLOAD_MS - 60_000);
      await utimes(stale, old, old);
      await utimes(other, old, old);
      expect(await sweepTemporaryUploads(dir)).toBe(1);
      expect((await readdir(path.join(dir, 'tmp'))).sort()).toEqual(['notes.txt', 'recent.part']);
      expect(await sweepTemporaryUploads(path.join(dir, 'missing'))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
