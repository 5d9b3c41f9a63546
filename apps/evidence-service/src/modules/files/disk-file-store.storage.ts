import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertSha256, FileStore, StoredObject } from './file-store.storage';

/**
 * Evidence files on local disk, under the service's data folder: `objects/ab/cd/<sha256>`. An object is written once,
 * by an atomic rename of the finished temporary file (same folder tree, same file system), so a reader never sees a
 * half-written object, and the path is built from the hash alone, never from a name or id a caller sent.
 */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk';
  private readonly objects: string;

  constructor(dataDir: string) {
    this.objects = path.join(path.resolve(dataDir), 'objects');
  }

  private pathOf(sha256: string): string {
    assertSha256(sha256);
    const full = path.join(this.objects, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    // The key is hex only, so this holds by construction; checked anyway so no change elsewhere can escape the folder.
    if (!full.startsWith(this.objects + path.sep)) throw new Error('object path outside the store');
    return full;
  }

  async put(sha256: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.head(sha256)) {
      await rm(sourcePath, { force: true });
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    // rename(2) replaces atomically: two uploads of the same bytes racing here leave one identical object.
    await rename(sourcePath, target);
  }

  async get(sha256: string): Promise<Readable | null> {
    const file = this.pathOf(sha256);
    if (!(await this.head(sha256))) return null;
    return createReadStream(file);
  }

  async head(sha256: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.pathOf(sha256));
      return info.isFile() ? { sha256, sizeBytes: info.size } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async list(): Promise<string[]> {
    try {
      const entries = await readdir(this.objects, { recursive: true, withFileTypes: true });
      return entries.filter((entry) => entry.isFile() && /^[0-9a-f]{64}$/.test(entry.name)).map((entry) => entry.name).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
