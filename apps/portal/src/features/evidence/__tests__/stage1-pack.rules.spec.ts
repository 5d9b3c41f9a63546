import { deflateRawSync } from 'node:zlib';
import { isZip, locateZipEntry, parseStage1Manifest } from '../stage1-pack.rules';

/** A ZIP archive written by hand to the format's layout (local headers, central directory, end record). */
function zipOf(files: { name: string; body: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name);
    const data = file.deflate ? deflateRawSync(file.body) : file.body;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(file.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(file.body.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(file.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(file.body.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const manifest = { pack: 'scope s version 1, as of 2026-12-02', generatedAt: '2026-12-02T10:00:00.000Z', files: [{ path: 'checklist.csv', sha256: 'a'.repeat(64), sizeBytes: 10, artefactId: null, evidenceId: null, versionNumber: null, kind: 'CHECKLIST' }] };

describe('Stage 1 pack archive', () => {
  it('finds the manifest after other entries, deflated, and where its bytes are', () => {
    const body = Buffer.from(JSON.stringify(manifest));
    const zip = zipOf([
      { name: 'EV-01/x-v1.json', body: Buffer.from('{"a":1}'), deflate: false },
      { name: 'manifest.json', body, deflate: true },
    ]);
    expect(isZip(zip)).toBe(true);
    const entry = locateZipEntry(zip, 'manifest.json');
    expect(entry?.method).toBe(8);
    expect(entry && zip.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize)).toEqual(deflateRawSync(body));
    expect(locateZipEntry(zip, 'EV-01/x-v1.json')).toMatchObject({ method: 0, compressedSize: 7 });
  });

  it('answers null for an archive without the entry, a truncated one, and bytes that are no archive', () => {
    const zip = zipOf([{ name: 'checklist.csv', body: Buffer.from('a,b\n'), deflate: false }]);
    expect(locateZipEntry(zip, 'manifest.json')).toBeNull();
    expect(locateZipEntry(zip.subarray(0, zip.length - 30), 'checklist.csv')).toBeNull();
    expect(isZip(Buffer.from('{"code":"STAGE1_SCOPE_NOT_FOUND"}'))).toBe(false);
    expect(locateZipEntry(Buffer.from('not a zip at all, just words'), 'manifest.json')).toBeNull();
  });

  it('keeps the manifest files that carry a SHA-256 and refuses what is not a manifest', () => {
    const parsed = parseStage1Manifest(JSON.stringify({ ...manifest, files: [...manifest.files, { path: 'bad', sha256: 'xyz' }] }));
    expect(parsed?.files.map((file) => file.path)).toEqual(['checklist.csv']);
    expect(parseStage1Manifest('{"files":[]}')).toBeNull();
    expect(parseStage1Manifest('nope')).toBeNull();
  });
});
