import { createHash } from 'node:crypto';
import { FilesPlatform, startFilesPlatform } from './evidence-files.harness';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const AUDITOR = 'auditor@certbody.example';
const MANAGER = 'isms.manager@demo.example';

/**
 * An external auditor and evidence files: never an upload; a download only of a file of the grant's units and period;
 * every attempt checked against the grant by the gateway and written to the engagement's access log.
 */
describe('evidence files and the external auditor, through the gateway', () => {
  let platform: FilesPlatform;
  let grantId: string;

  async function ok<T>(email: string, query: string, variables: Record<string, unknown>): Promise<T> {
    const result = await platform.graphql<T>(await platform.token(email), query, variables);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  }

  beforeAll(async () => {
    platform = await startFilesPlatform({ label: 'files-auditor', withAudit: true });
    const { createEngagement } = await ok<{ createEngagement: { id: string } }>(MANAGER, 'mutation($i: CreateEngagementInput!) { createEngagement(input: $i) { id } }', {
      i: { type: 'STAGE_2', title: 'Stage 2 audit', startsOn: '2026-12-01', endsOn: '2026-12-05', leadAuditor: 'Olivia Brandt' },
    });
    const year = new Date().getUTCFullYear();
    const { grantAuditorAccess } = await ok<{ grantAuditorAccess: { id: string } }>(MANAGER, 'mutation($i: GrantAuditorAccessInput!) { grantAuditorAccess(input: $i) { id } }', {
      i: {
        engagementId: createEngagement.id,
        auditorName: 'Olivia Brandt',
        auditorEmail: AUDITOR,
        firm: 'CertBody Ltd',
        unitIds: [platform.units.itOps],
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    grantId = grantAuditorAccess.id;
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('refuses the auditor an upload, downloads only files of the grant\'s units, and logs every attempt', async () => {
    const inUnit = await platform.upload(await platform.token('control.owner@demo.example'), [{ field: 'unitId', value: platform.units.itOps }, { file: pdf('it ops'), name: 'backup-log.pdf' }]);
    const outside = await platform.upload(await platform.token('risk.owner@demo.example'), [{ field: 'unitId', value: platform.units.payments }, { file: pdf('payments'), name: 'payments.pdf' }]);
    expect([inUnit.status, outside.status]).toEqual([201, 201]);
    const auditor = await platform.token(AUDITOR);

    const before = await platform.counts();
    const upload = await platform.upload(auditor, [{ field: 'unitId', value: platform.units.itOps }, { file: pdf('auditor'), name: 'finding.pdf' }]);
    expect(upload).toEqual({ status: 403, body: { code: 'FORBIDDEN', message: expect.stringMatching(/external auditors do not upload evidence files/) } });
    expect(await platform.counts()).toEqual({ ...before, temporary: 0 });

    const allowed = await platform.download(auditor, inUnit.body.id as string);
    expect(allowed.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await allowed.arrayBuffer())).digest('hex')).toBe(inUnit.body.sha256);
    expect(allowed.headers.get('content-disposition')).toMatch(/^attachment;/);
    const refused = await platform.download(auditor, outside.body.id as string);
    expect(refused.status).toBe(404);

    const { auditorAccessLog } = await ok<{ auditorAccessLog: { nodes: { kind: string; detail: string }[] } }>(
      MANAGER,
      'query($g: ID!) { auditorAccessLog(grantId: $g, first: 100) { nodes { kind detail } } }',
      { g: grantId },
    );
    const details = auditorAccessLog.nodes.map((entry) => entry.detail);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('upload evidence file (POST /evidence/files)'),
        expect.stringContaining(`download evidence file ${inUnit.body.id}`),
        expect.stringContaining(`download evidence file ${outside.body.id}`),
      ]),
    );
  });

  it('refuses the auditor once the grant is revoked, before anything reaches evidence-service', async () => {
    const file = await platform.upload(await platform.token('control.owner@demo.example'), [{ field: 'unitId', value: platform.units.itOps }, { file: pdf('revoked'), name: 'revoked.pdf' }]);
    await ok(MANAGER, 'mutation($g: ID!) { revokeAuditorAccess(id: $g) { id status } }', { g: grantId });
    const response = await platform.download(await platform.token(AUDITOR), file.body.id as string);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe('AUDIT_GRANT_REFUSED');
  });
});
