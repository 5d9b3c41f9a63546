import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { access, readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { eventually } from '@iso27001/testing';
import { startTestGateway } from './test-gateway';
import { FilesPlatform, multipart, startFilesPlatform, subjectOf, UploadAnswer } from './evidence-files.harness';

const LIMIT = 64 * 1024;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d0e2d6a50000000049454e44ae426082', 'hex');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const OWNER = 'control.owner@demo.example';
const RISK_OWNER = 'risk.owner@demo.example';
const MANAGER = 'isms.manager@demo.example';

/**
 * Evidence files through the gateway: streamed upload and download over real PostgreSQL and the local-disk store,
 * with the limit lowered to 64 KB. Every refusal says what is wrong and leaves no row, no stored object and no
 * temporary file behind.
 */
describe('evidence files through the gateway (disk store)', () => {
  let platform: FilesPlatform;

  beforeAll(async () => {
    platform = await startFilesPlatform({ label: 'files', env: { EVIDENCE_MAX_FILE_BYTES: String(LIMIT) } });
  });
  afterAll(async () => {
    await platform?.close();
  });

  /** Runs a refused upload and checks its status, code and message, and that nothing was stored. */
  async function refused(answer: Promise<UploadAnswer>, status: number, code: string, message: RegExp): Promise<void> {
    const before = await platform.counts();
    const { status: got, body } = await answer;
    expect({ status: got, code: body.code }).toEqual({ status, code });
    expect(body.message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|\/tmp\/|\bat [\w.]+ \(/);
    expect(await platform.counts()).toEqual({ ...before, temporary: 0 });
  }

  it('uploads a PDF for the owner\'s unit and downloads the same bytes as an attachment, with the SHA-256 as ETag', async () => {
    const token = await platform.token(OWNER);
    const bytes = pdf(`backup restore test ${randomUUID()}`);
    const { status, body } = await platform.upload(token, [
      { field: 'unitId', value: platform.units.itOps },
      { file: bytes, name: 'Backup restore test Q3.pdf', contentType: 'text/html' },
    ]);
    expect({ status, body }).toEqual({ status: 201, body: expect.objectContaining({ mediaType: 'application/pdf' }) });
    expect(body).toEqual({ id: expect.any(String), sha256: sha256(bytes), sizeBytes: bytes.length, mediaType: 'application/pdf', fileName: 'Backup restore test Q3.pdf' });
    const [row] = await platform.evidenceService.deps.dataSource.query('SELECT unit_id, uploaded_by, size_bytes::int AS size FROM evidence_file WHERE id = $1', [body.id]);
    expect(row).toEqual({ unit_id: platform.units.itOps, uploaded_by: subjectOf(OWNER), size: bytes.length });
    expect(await platform.store.head(body.sha256 as string)).toEqual({ sha256: body.sha256, sizeBytes: bytes.length });

    const download = await platform.download(token, body.id as string);
    expect(download.status).toBe(200);
    const downloaded = Buffer.from(await download.arrayBuffer());
    expect(sha256(downloaded)).toBe(sha256(bytes));
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="Backup restore test Q3.pdf"; filename*=UTF-8''Backup%20restore%20test%20Q3.pdf`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    const again = await platform.download(token, body.id as string, { 'if-none-match': `"${sha256(bytes)}"` });
    expect(again.status).toBe(304);
  });

  it('stores the same bytes once however often they are uploaded, one row per upload', async () => {
    const token = await platform.token(OWNER);
    const bytes = Buffer.from(`user,last login\nchen,2026-11-${randomBytes(2).toString('hex')}\n`);
    const before = await platform.counts();
    const first = await platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file: bytes, name: 'logins.csv' }]);
    const second = await platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file: bytes, name: 'logins-copy.csv' }]);
    expect([first.status, second.status, first.body.mediaType]).toEqual([201, 201, 'text/csv']);
    expect(first.body.id).not.toBe(second.body.id);
    expect(await platform.counts()).toEqual({ rows: before.rows + 2, objects: before.objects + 1, temporary: 0 });
    const download = await platform.download(token, second.body.id as string);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('stores the same bytes once when two uploads of them arrive at the same time', async () => {
    const token = await platform.token(OWNER);
    const bytes = pdf(`concurrent ${randomUUID()} ${'y'.repeat(30_000)}`);
    const before = await platform.counts();
    const answers = await Promise.all([0, 1, 2].map(() => platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file: bytes, name: 'same.pdf' }])));
    expect(answers.map((answer) => [answer.status, answer.body.sha256])).toEqual([0, 1, 2].map(() => [201, sha256(bytes)]));
    expect(await platform.counts()).toEqual({ rows: before.rows + 3, objects: before.objects + 1, temporary: 0 });
  });

  it('keeps a hostile file name only as a cleaned display name: no path, no NUL, no RTL override, at most 255 characters', async () => {
    const token = await platform.token(OWNER);
    const cases: { filenameParam: string; file: Buffer; expected: string }[] = [
      { filenameParam: 'filename="../../etc/passwd.txt"', file: Buffer.from('root:x:0:0\n'), expected: 'passwd.txt' },
      { filenameParam: "filename*=UTF-8''..%2F..%2F..%2Fevil%00name.txt", file: Buffer.from('nul in the name\n'), expected: 'evilname.txt' },
      { filenameParam: "filename*=UTF-8''invoice%E2%80%AEtxt.pdf", file: pdf('rtl'), expected: 'invoicetxt.pdf' },
      { filenameParam: `filename="${'a'.repeat(500)}.txt"`, file: Buffer.from('long name\n'), expected: `${'a'.repeat(251)}.txt` },
    ];
    for (const { filenameParam, file, expected } of cases) {
      const { status, body } = await platform.upload(token, [{ field: 'unitId', value: platform.units.itOps }, { file, filenameParam }]);
      expect({ status, fileName: body.fileName }).toEqual({ status: 201, fileName: expected });
      const download = await platform.download(token, body.id as string);
      expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(expected)}`);
      await download.arrayBuffer();
    }
    // Nothing was written where the names pointed: every object sits under the store, named by its hash.
    await expect(access(path.resolve(platform.dataDir, '../../etc/passwd.txt'))).rejects.toThrow();
    const [{ names }] = await platform.evidenceService.deps.dataSource.query(`SELECT array_agg(file_name) AS names FROM evidence_file WHERE file_name ~ '[/\\\\\\x00\\u202e]'`);
    expect(names).toBeNull();
  });

  it('refuses a file id that is not a UUID (path traversal) and answers an unknown one as not found', async () => {
    const token = await platform.token(OWNER);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2E%2E%2F%2E%2E%2Fobjects', 'not-a-uuid']) {
      const response = await platform.download(token, id);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 'FILE_ID_INVALID', message: 'the file id must be a UUID' });
    }
    for (const [method, at] of [['GET', ''], ['DELETE', `/${randomUUID()}`], ['PUT', `/${randomUUID()}`]]) {
      const response = await fetch(new URL(`/evidence/files${at}`, platform.gateway.url), { method, headers: { authorization: `Bearer ${token}` } });
      expect({ method, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({ method, status: 405, code: 'METHOD_NOT_ALLOWED' });
    }
    const missing = await platform.download(token, randomUUID());
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('FILE_NOT_FOUND');
  });

  it('refuses a file over the limit (413), an empty file and a body that is not one file (400)', async () => {
    const token = await platform.token(OWNER);
    const unit = { field: 'unitId', value: platform.units.itOps };
    await refused(platform.upload(token, [unit, { file: Buffer.alloc(LIMIT + 1, 'a'), name: 'big.txt' }]), 413, 'FILE_TOO_LARGE', new RegExp(`larger than the limit of ${LIMIT} bytes`));
    const exactly = await platform.upload(token, [unit, { file: Buffer.alloc(LIMIT, 'b'), name: 'limit.txt' }]);
    expect(exactly.status).toBe(201);
    await refused(platform.upload(token, [unit, { file: Buffer.alloc(0), name: 'empty.pdf' }]), 400, 'FILE_EMPTY', /the file is empty/);
    await refused(platform.upload(token, [unit]), 400, 'FILE_MISSING', /no file in the upload/);
    await refused(platform.upload(token, [unit, { file: pdf('x'), name: 'a.pdf', partName: 'document' }]), 400, 'UPLOAD_MALFORMED', /part named "file"/);
    await refused(platform.upload(token, [unit, { field: 'title', value: 'x' }, { file: pdf('x'), name: 'a.pdf' }]), 400, 'UPLOAD_MALFORMED', /unknown field "title"/);
    await refused(platform.upload(token, [unit, { file: pdf('x'), name: 'a.pdf' }, { file: pdf('y'), name: 'b.pdf' }]), 400, 'UPLOAD_MALFORMED', /one file per upload|too many parts/);
    await refused(platform.upload(token, [unit, { file: pdf('x'), filenameParam: 'filename="/"' }]), 400, 'FILE_NAME_INVALID', /no usable file name/);
    const notMultipart = await fetch(new URL('/evidence/files', platform.gateway.url), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, body: pdf('raw') });
    expect(notMultipart.status).toBe(400);
    expect(((await notMultipart.json()) as { code: string }).code).toBe('UPLOAD_MALFORMED');
  });

  it('detects the type from the bytes: a PNG named .pdf, HTML named .pdf, SVG and an executable are refused (415)', async () => {
    const token = await platform.token(OWNER);
    const unit = { field: 'unitId', value: platform.units.itOps };
    await refused(platform.upload(token, [unit, { file: PNG, name: 'report.pdf', contentType: 'application/pdf' }]), 415, 'FILE_TYPE_REFUSED', /PNG image but the file name "report.pdf" does not end in .png/);
    await refused(
      platform.upload(token, [unit, { file: '<!DOCTYPE html><html><body><script>fetch("/graphql")</script></body></html>', name: 'policy.pdf', contentType: 'application/pdf' }]),
      415,
      'FILE_TYPE_REFUSED',
      /"policy.pdf" is refused/,
    );
    await refused(platform.upload(token, [unit, { file: '<html><script>alert(1)</script></html>', name: 'notes.txt' }]), 415, 'FILE_TYPE_REFUSED', /the content is HTML/);
    await refused(platform.upload(token, [unit, { file: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', name: 'diagram.svg', contentType: 'image/svg+xml' }]), 415, 'FILE_TYPE_REFUSED', /SVG/);
    const elf = Buffer.concat([Buffer.from('7f454c46020101000000000000000000', 'hex'), randomBytes(256)]);
    await refused(platform.upload(token, [unit, { file: elf, name: 'collector.txt' }]), 415, 'FILE_TYPE_REFUSED', /not accepted|not UTF-8/);
    const png = await platform.upload(token, [unit, { file: PNG, name: 'screenshot.png' }]);
    expect([png.status, png.body.mediaType]).toEqual([201, 'image/png']);
  });

  it('stores nothing when the client breaks off an upload half-way, and removes its temporary file', async () => {
    const token = await platform.token(OWNER);
    const before = await platform.counts();
    const { body, contentType } = multipart([{ field: 'unitId', value: platform.units.itOps }, { file: Buffer.alloc(LIMIT - 1024, 'c'), name: 'cut.txt' }]);
    const url = new URL('/evidence/files', platform.gateway.url);
    const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'content-length': String(body.length) } });
    request.on('error', () => undefined); // the client itself breaks the connection
    request.write(body.subarray(0, Math.floor(body.length / 2)));
    // The temporary file exists while the upload streams in: the cut-off one is what must go away.
    await eventually('the upload has reached evidence-service', async () => (await readdir(path.join(platform.dataDir, 'tmp')).catch(() => [])).length > 0);
    request.destroy();
    await eventually('the temporary file is removed', async () => (await platform.counts()).temporary === 0);
    expect(await platform.counts()).toEqual({ ...before, temporary: 0 });
  });

  it('refuses roles that do not collect evidence (403) and a unit outside the caller\'s reach (403, nothing stored)', async () => {
    const file = { file: pdf('scope'), name: 'scope.pdf' };
    for (const email of ['employee@demo.example', 'internal.auditor@demo.example', 'ceo@demo.example']) {
      await refused(platform.upload(await platform.token(email), [{ field: 'unitId', value: platform.units.itOps }, file]), 403, 'FORBIDDEN', /needs one of the roles/);
    }
    const owner = await platform.token(OWNER);
    await refused(platform.upload(owner, [{ field: 'unitId', value: platform.units.payments }, file]), 403, 'OUT_OF_SCOPE', new RegExp(`unit ${platform.units.payments} is not one of your units`));
    await refused(platform.upload(owner, [file]), 403, 'OUT_OF_SCOPE', /unitId is required/);
    await refused(platform.upload(owner, [{ field: 'unitId', value: '../../etc' }, file]), 400, 'UNIT_ID_INVALID', /unitId must be a UUID/);
    await refused(platform.upload('not-a-token', [file]), 401, 'UNAUTHENTICATED', /./);
    const manager = await platform.upload(await platform.token(MANAGER), [file]);
    expect(manager.status).toBe(201);
  });

  it('lets the uploader, programme roles and owners of the unit download, and tells everyone else the file does not exist', async () => {
    const owner = await platform.token(OWNER);
    const { body } = await platform.upload(owner, [{ field: 'unitId', value: platform.units.itOps }, { file: pdf('who reads'), name: 'who.pdf' }]);
    for (const email of [OWNER, MANAGER, 'internal.auditor@demo.example', 'ceo@demo.example']) {
      const response = await platform.download(await platform.token(email), body.id as string);
      expect({ email, status: response.status }).toEqual({ email, status: 200 });
      await response.arrayBuffer();
    }
    for (const email of [RISK_OWNER, 'employee@demo.example']) {
      const response = await platform.download(await platform.token(email), body.id as string);
      expect({ email, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({ email, status: 404, code: 'FILE_NOT_FOUND' });
    }
  });

  it('lets whoever may read an evidence item download the file its version references', async () => {
    const manager = await platform.token(MANAGER);
    const riskOwner = await platform.token(RISK_OWNER);
    const { body } = await platform.upload(manager, [{ file: pdf('organisation-wide policy'), name: 'policy.pdf' }]);
    expect((await platform.download(riskOwner, body.id as string)).status).toBe(404);
    const added = await platform.graphql<{ addEvidence: { id: string } }>(manager, 'mutation($i: AddEvidenceInput!) { addEvidence(input: $i) { id } }', {
      i: { title: 'Information security policy', unitId: platform.units.payments, controlIds: ['A.5.1'], content: { kind: 'FILE', fileId: body.id } },
    });
    expect(added.errors).toBeUndefined();
    const viaItem = await platform.download(riskOwner, body.id as string);
    expect(viaItem.status).toBe(200);
    expect(sha256(Buffer.from(await viaItem.arrayBuffer()))).toBe(body.sha256);
    const otherUnit = await platform.download(await platform.token(OWNER), body.id as string);
    expect(otherUnit.status).toBe(404);
    await otherUnit.arrayBuffer();
  });

  it('answers evidenceFile(id) in GraphQL with the same rule', async () => {
    const owner = await platform.token(OWNER);
    const { body } = await platform.upload(owner, [{ field: 'unitId', value: platform.units.itOps }, { file: pdf('graphql'), name: 'meta.pdf' }]);
    const query = 'query($id: ID!) { evidenceFile(id: $id) { id sha256 sizeBytes mediaType fileName uploadedBy uploadedAt } }';
    const seen = await platform.graphql<{ evidenceFile: Record<string, unknown> | null }>(await platform.token(MANAGER), query, { id: body.id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.evidenceFile).toEqual({ id: body.id, sha256: body.sha256, sizeBytes: body.sizeBytes, mediaType: 'application/pdf', fileName: 'meta.pdf', uploadedBy: subjectOf(OWNER), uploadedAt: expect.any(String) });
    const hidden = await platform.graphql<{ evidenceFile: unknown }>(await platform.token(RISK_OWNER), query, { id: body.id });
    expect(hidden.data?.evidenceFile).toBeNull();
  });

  it('refuses a direct call to evidence-service without the gateway\'s claims, and never shows its address when it is down', async () => {
    const direct = await fetch(new URL('/files/evidence/files', platform.evidenceService.url), { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--\r\n' });
    expect(direct.status).toBe(401);
    const lonely = await startTestGateway({ secret: randomBytes(32).toString('hex'), subgraphUrls: {}, maxQueryDepth: 8 });
    try {
      const token = await lonely.tokenFor(OWNER);
      const response = await fetch(new URL(`/evidence/files/${randomUUID()}`, lonely.url), { headers: { authorization: `Bearer ${token}` } });
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text).code).toBe('SERVICE_UNAVAILABLE');
      expect(text).not.toMatch(/127\.0\.0\.1|:9\b|ECONNREFUSED/);
    } finally {
      await lonely.stop();
    }
  });
});
