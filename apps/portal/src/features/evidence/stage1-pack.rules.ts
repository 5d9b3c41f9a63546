/**
 * Reads `manifest.json` out of a downloaded Stage 1 pack (a ZIP), so the portal can show each file's SHA-256 as the
 * pack itself states it. Only what that needs: the central directory (found through the end-of-central-directory
 * record), one entry, stored or deflated. ZIP64 archives (over 4 GiB or 65,535 entries) are not read.
 */

/** One file of the pack as its manifest lists it. */
export interface Stage1ManifestFile {
  path: string;
  sha256: string;
  sizeBytes: number;
  artefactId: string | null;
  evidenceId: string | null;
  versionNumber: number | null;
  kind: string;
}

export interface Stage1Manifest {
  pack: string;
  generatedAt: string;
  files: Stage1ManifestFile[];
}

/** Where an entry's bytes are in the archive and how they are compressed (0 stored, 8 deflated). */
export interface ZipEntryLocation {
  method: number;
  dataOffset: number;
  compressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Whether the bytes start as a ZIP archive does (`PK\x03\x04`). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Finds an entry of a ZIP archive by its path; null when the archive has none of that name or cannot be read. */
export function locateZipEntry(bytes: Uint8Array, name: string): ZipEntryLocation | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at -= 1) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let index = 0; index < entries; index += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const entryName = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entryName === name) {
      if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) return null;
      const dataOffset = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      if (dataOffset + compressedSize > bytes.length) return null;
      return { method, dataOffset, compressedSize };
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return null;
}

/** The manifest's content when it is what the pack writes (pack, generatedAt, files with path and sha256); else null. */
export function parseStage1Manifest(text: string): Stage1Manifest | null {
  try {
    const value = JSON.parse(text) as Partial<Stage1Manifest>;
    if (typeof value.pack !== 'string' || !Array.isArray(value.files)) return null;
    const files = value.files.filter((file): file is Stage1ManifestFile => typeof file?.path === 'string' && typeof file?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(file.sha256));
    return { pack: value.pack, generatedAt: String(value.generatedAt ?? ''), files };
  } catch {
    return null;
  }
}
