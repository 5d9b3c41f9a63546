import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertSha256, FileStore, StoredObject } from './file-store.storage';

export interface S3FileStoreSettings {
  bucket: string;
  region: string;
  /** An S3-compatible server's address; unset for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prefix of every object key (`evidence/`). */
  prefix: string;
}

/**
 * Evidence files in an S3-compatible bucket, keyed `<prefix>ab/<sha256>`. Uploads stream from the finished temporary
 * file through the SDK's multipart upload (8 MB parts, at most 4 in flight), so memory stays bounded whatever the size;
 * an object already there is not written again.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(private readonly settings: S3FileStoreSettings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // Checksums only when the operation needs them: S3-compatible servers differ in the newer default ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private keyOf(sha256: string): string {
    assertSha256(sha256);
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(sha256: string, sourcePath: string, sizeBytes: number): Promise<void> {
    try {
      if (await this.head(sha256)) return;
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.settings.bucket, Key: this.keyOf(sha256), Body: createReadStream(sourcePath), ContentLength: sizeBytes, ContentType: 'application/octet-stream' },
        partSize: 8 * 1024 * 1024,
        queueSize: 4,
        leavePartsOnError: false,
      });
      await upload.done();
    } finally {
      await rm(sourcePath, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }));
      return answer.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return null;
      throw error;
    }
  }

  async head(sha256: string): Promise<StoredObject | null> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }));
      return { sha256, sizeBytes: Number(answer.ContentLength ?? 0) };
    } catch (error) {
      if (error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }));
  }

  async list(): Promise<string[]> {
    const hashes: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.settings.prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const hash = object.Key?.split('/').pop();
        if (hash && /^[0-9a-f]{64}$/.test(hash)) hashes.push(hash);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return hashes.sort();
  }

  close(): void {
    this.client.destroy();
  }
}
