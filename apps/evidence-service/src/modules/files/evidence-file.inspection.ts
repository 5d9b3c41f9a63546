import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { fileTypeFromFile } from 'file-type';
import { ContentFindings } from './evidence-file.rules';

const HEAD_BYTES = 1024;

/**
 * Passes an upload's bytes through unchanged while learning what the server needs of them on the way: the SHA-256,
 * the size, the first kilobyte, and whether everything so far is UTF-8 without NUL bytes (checked until it is not).
 */
export class UploadInspector extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private headChunks: Buffer[] = [];
  private headLength = 0;
  sizeBytes = 0;
  utf8WithoutNul = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(Buffer.from(part));
      this.headLength += part.length;
    }
    if (this.utf8WithoutNul) {
      if (chunk.includes(0)) this.utf8WithoutNul = false;
      else {
        try {
          this.utf8.decode(chunk, { stream: true });
        } catch {
          this.utf8WithoutNul = false;
        }
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.utf8WithoutNul) {
      try {
        this.utf8.decode(); // a sequence cut off at the end is not valid UTF-8
      } catch {
        this.utf8WithoutNul = false;
      }
    }
    callback();
  }

  /** Hex SHA-256 of everything that passed (call once, after the stream ended). */
  sha256(): string {
    return this.hash.digest('hex');
  }

  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

/** What the finished temporary file is: `file-type`'s detection from its bytes, plus the inspector's text findings. */
export async function inspectFile(path: string, inspector: UploadInspector): Promise<ContentFindings> {
  // file-type 22 is an ES module only: Node 24 (and jest 30 on it) load it through require(esm), no transform needed.
  const detected = await fileTypeFromFile(path);
  return { detected: detected?.mime ?? null, utf8WithoutNul: inspector.utf8WithoutNul, head: inspector.head() };
}
