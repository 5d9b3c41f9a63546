import { Readable } from 'node:stream';

/** What the store knows of one object: its content address and size. */
export interface StoredObject {
  sha256: string;
  sizeBytes: number;
}

/**
 * Content-addressed storage of evidence files: an object's key is the SHA-256 of its bytes, so the same bytes are
 * stored once however often they are uploaded, and an object is never changed once written.
 */
export interface FileStore {
  /** `disk` or `s3`, for logs and health. */
  readonly kind: string;
  /**
   * Stores the file at `sourcePath` (a finished temporary file whose SHA-256 the caller computed) under that hash. The
   * temporary file is consumed (moved or removed). Storing bytes that are already there changes nothing.
   */
  put(sha256: string, sourcePath: string, sizeBytes: number): Promise<void>;
  /** The object's bytes as a stream, or null when there is no such object. */
  get(sha256: string): Promise<Readable | null>;
  /** The object's size, or null when there is no such object. */
  head(sha256: string): Promise<StoredObject | null>;
  /** Removes the object; the caller has checked, under the object's lock, that no file row references it. */
  delete(sha256: string): Promise<void>;
  /** Every object's hash (tests and maintenance: finding objects no row references). */
  list(): Promise<string[]>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Refuses anything but a lower-case hex SHA-256 as a key: no caller-supplied text ever becomes a path or an object key. */
export function assertSha256(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error('a file store key is a lower-case hex SHA-256');
  return sha256;
}
