import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Role } from '@iso27001/authz';
import { Client } from 'pg';
import { databaseUrl } from '@iso27001/platform';
import { eventually, TEST_ORGANISATION_ID, testClaims } from '@iso27001/testing';
import { importJobLockKey } from '../src/modules/imports/import-job.service';
import { pdfText, RiskTestKit, TestPerson } from './risk-test-kit';
import { IMPORT_RECOVERY_JOB } from '../src/modules/imports/import-job.recovery';

const CREATE_ASSET = 'mutation($i: CreateRiskAssetInput!) { createRiskAsset(input: $i) { id name type confidentiality integrity availability criticality owner { id } risks { id } } }';
const CREATE_RISK = 'mutation($i: CreateRiskInput!) { createRisk(input: $i) { id title assets { id name } } }';
const IMPORT = 'mutation($i: StartRiskImportInput!) { startRiskImport(input: $i) { id status totalRows } }';
const JOB = 'query($id: ID!) { riskImportJob(id: $id) { status totalRows processedRows importedRows errorRows errors { row field message } failure } }';

interface Job {
  status: string;
  totalRows: number;
  processedRows: number;
  importedRows: number;
  errorRows: number;
  errors: { row: number; field: string | null; message: string }[];
}

describe('risk-service: assets, the risk treatment plan and its exports, imports', () => {
  const kit = new RiskTestKit('riskassets');
  let owner: TestPerson;

  beforeAll(async () => {
    await kit.start({ IMPORT_BATCH_SIZE: '50' });
    owner = await kit.person('Noah Fischer');
  });
  afterAll(async () => kit.stop());

  const finished = (id: string) =>
    eventually(`import ${id} finished`, async () => {
      const { riskImportJob } = await kit.service.ok<{ riskImportJob: Job }>(JOB, { id });
      return riskImportJob.status === 'RUNNING' ? undefined : riskImportJob;
    });

  it('keeps an asset inventory linked to risks, with events, and refuses bad input writing nothing', async () => {
    const { createRisk: risk } = await kit.service.ok<{ createRisk: { id: string } }>(CREATE_RISK, { i: { title: 'Card database exfiltrated', inherentLikelihood: 3, inherentImpact: 5 } });
    const { createRiskAsset: db } = await kit.service.ok<{ createRiskAsset: { id: string; criticality: number; risks: { id: string }[] } }>(CREATE_ASSET, {
      i: { type: 'INFORMATION', name: 'Cardholder database', ownerId: owner.id, confidentiality: 'HIGH', integrity: 'HIGH', availability: 'MEDIUM', riskIds: [risk.id] },
    });
    expect(db).toMatchObject({ criticality: 3, risks: [{ id: risk.id }] });
    const { risk: linked } = await kit.service.ok<{ risk: { assets: { name: string }[] } }>('query($id: ID!) { risk(id: $id) { assets { name } } }', { id: risk.id });
    expect(linked.assets).toEqual([{ name: 'Cardholder database' }]);
    expect((await kit.events(db.id)).map((e) => e.type)).toEqual(['risk.asset.upserted']);
    expect((await kit.events(risk.id)).at(-1)?.data).toMatchObject({ assetIds: [db.id] });

    const before = await kit.counts();
    const duplicate = await kit.service.request(CREATE_ASSET, { i: { type: 'SOFTWARE', name: 'cardholder DATABASE', confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW' } });
    expect(duplicate.errors?.[0]).toMatchObject({ message: 'an asset named "cardholder DATABASE" already exists', extensions: { code: 'ASSET_NAME_TAKEN' } });
    const badUnit = await kit.service.request(CREATE_ASSET, { i: { type: 'SITE', name: 'HQ', unitId: 'payments', confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW' } });
    expect(badUnit.errors?.[0]).toMatchObject({ message: expect.stringContaining('unitId must be a UUID'), extensions: { code: 'VALIDATION_FAILED' } });
    const missingRisk = randomUUID();
    const badRisk = await kit.service.request(CREATE_ASSET, { i: { type: 'SITE', name: 'HQ', confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW', riskIds: [missingRisk] } });
    expect(badRisk.errors?.[0]).toMatchObject({ message: expect.stringContaining(missingRisk), extensions: { code: 'UNKNOWN_RISKS' } });
    const badLevel = await kit.service.request(CREATE_ASSET, { i: { type: 'SITE', name: 'HQ', confidentiality: 'EXTREME', integrity: 'LOW', availability: 'LOW' } });
    // An enum value the schema does not have never reaches the service: GraphQL refuses the variable, naming it.
    expect(badLevel.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Variable "\$i" got invalid value "EXTREME" at "i\.confidentiality"; Value "EXTREME" does not exist in "\w+" enum/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    const missingAsset = randomUUID();
    const unknownAsset = await kit.service.request(CREATE_RISK, { i: { title: 'X', inherentLikelihood: 1, inherentImpact: 1, assetIds: [missingAsset] } });
    expect(unknownAsset.errors?.[0]).toMatchObject({ message: expect.stringContaining(missingAsset), extensions: { code: 'UNKNOWN_ASSETS' } });
    const auditor = await kit.service.request(CREATE_ASSET, { i: { type: 'SITE', name: 'HQ', confidentiality: 'LOW', integrity: 'LOW', availability: 'LOW' } }, testClaims([Role.InternalAuditor]));
    expect(auditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await kit.counts()).toEqual(before);

    // Unlinking through the asset updates the risk (and its event); deleting removes links and says so.
    await kit.service.ok('mutation($i: UpdateRiskAssetInput!) { updateRiskAsset(input: $i) { id } }', { i: { assetId: db.id, riskIds: [], availability: 'HIGH' } });
    expect((await kit.events(risk.id)).at(-1)?.data).toMatchObject({ assetIds: [] });
    const list = await kit.service.ok<{ riskAssets: { totalCount: number; nodes: { availability: string }[] } }>('{ riskAssets(type: INFORMATION) { totalCount nodes { availability } } }');
    expect(list.riskAssets).toEqual({ totalCount: 1, nodes: [{ availability: 'HIGH' }] });
    await kit.service.ok('mutation($id: ID!) { deleteRiskAsset(id: $id) }', { id: db.id });
    expect((await kit.events(db.id)).map((e) => e.type)).toEqual(['risk.asset.upserted', 'risk.asset.upserted', 'risk.asset.deleted']);
    const gone = await kit.service.ok<{ riskAssets: { totalCount: number } }>('{ riskAssets { totalCount } }');
    expect(gone.riskAssets.totalCount).toBe(0);
  });

  it('generates the risk treatment plan from live data and exports it as XLSX and PDF', async () => {
    const { createRisk: risk } = await kit.service.ok<{ createRisk: { id: string } }>(CREATE_RISK, { i: { title: 'Ransomware encrypts core banking', ownerId: owner.id, inherentLikelihood: 4, inherentImpact: 5 } });
    await kit.service.ok('mutation($i: TreatRiskInput!) { treatRisk(input: $i) { id } }', { i: { riskId: risk.id, treatment: 'MODIFY', rationale: 'Immutable backups and EDR', controlIds: ['A.8.13', 'A.8.7'] } });
    await kit.service.ok('mutation($i: AddRiskActionInput!) { addRiskAction(input: $i) { id } }', { i: { riskId: risk.id, title: 'Deploy EDR to all servers', ownerId: owner.id, dueOn: '2026-06-30' } });
    await kit.service.ok('mutation($i: ReassessRiskInput!) { reassessRisk(input: $i) { id } }', { i: { riskId: risk.id, kind: 'RESIDUAL', likelihood: 4, impact: 4 } });
    await kit.service.ok('mutation($i: AcceptResidualRiskInput!) { acceptResidualRisk(input: $i) { id } }', { i: { riskId: risk.id, note: 'Within insurance cover' } }, kit.claimsOf(owner));

    const { riskTreatmentPlan } = await kit.service.ok<{ riskTreatmentPlan: Record<string, unknown>[] }>(
      '{ riskTreatmentPlan { riskId title ownerName treatment rationale controlIds actions { title ownerName dueOn status } inherentLevel residualLevel acceptedByName needsAcceptance } }',
    );
    expect(riskTreatmentPlan).toEqual([
      {
        riskId: risk.id,
        title: 'Ransomware encrypts core banking',
        ownerName: 'Noah Fischer',
        treatment: 'MODIFY',
        rationale: 'Immutable backups and EDR',
        controlIds: ['A.8.13', 'A.8.7'],
        actions: [{ title: 'Deploy EDR to all servers', ownerName: 'Noah Fischer', dueOn: '2026-06-30', status: 'PLANNED' }],
        inherentLevel: 'CRITICAL',
        residualLevel: 'HIGH',
        acceptedByName: 'Noah Fischer',
        needsAcceptance: false,
      },
    ]);

    const EXPORT = 'query($f: RiskExportFormat!) { exportRiskTreatmentPlan(format: $f) { filename contentType base64 } }';
    const { exportRiskTreatmentPlan: xlsx } = await kit.service.ok<{ exportRiskTreatmentPlan: { filename: string; contentType: string; base64: string } }>(EXPORT, { f: 'XLSX' }, testClaims([Role.InternalAuditor]));
    expect(xlsx.filename).toMatch(/^risk-treatment-plan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Risk Treatment Plan')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
    expect(sheet.rowCount).toBe(2);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(values).toEqual([
      'Ransomware encrypts core banking',
      'Noah Fischer',
      'CRITICAL (4×5=20)',
      'MODIFY',
      'Immutable backups and EDR',
      'A.8.13, A.8.7',
      'Deploy EDR to all servers — Noah Fischer, due 2026-06-30, PLANNED',
      'HIGH (4×4=16)',
      expect.stringMatching(/^Noah Fischer on \d{4}-\d{2}-\d{2}$/),
      '',
      'OPEN',
    ]);

    const { exportRiskTreatmentPlan: pdf } = await kit.service.ok<{ exportRiskTreatmentPlan: { contentType: string; base64: string } }>(EXPORT, { f: 'PDF' });
    expect(pdf.contentType).toBe('application/pdf');
    const text = await pdfText(Buffer.from(pdf.base64, 'base64'));
    expect(text).toContain('Risk Treatment Plan');
    expect(text).toContain('Ransomware encrypts core banking');
    expect(text).toContain('Deploy EDR to all servers');
  });

  it('imports risks from CSV in batches with per-row errors, and a dry run imports nothing', async () => {
    const header = 'title,description,owner_email,unit_id,inherent_likelihood,inherent_impact,treatment,rationale,controls,next_review_on';
    const good = Array.from({ length: 120 }, (_, n) => `Imported risk ${n},,${owner.email},,${1 + (n % 5)},${1 + ((n + 2) % 5)},,,,`);
    const bad = [
      'Bad likelihood,,,,7,2,,,,',
      ',,,,1,1,,,,',
      'Unknown owner,,nobody@bank.example,,1,1,,,,',
      'Bad controls,,,,2,2,MODIFY,Because,A.5.99;A.8.8,',
      'Bad unit and date,,,not-a-uuid,2,2,,,,2026-13-01',
    ];
    const csv = [header, ...good.slice(0, 60), ...bad, ...good.slice(60)].join('\n');
    const contentBase64 = Buffer.from(csv).toString('base64');

    const before = await kit.counts();
    const { startRiskImport: dry } = await kit.service.ok<{ startRiskImport: { id: string; totalRows: number } }>(IMPORT, { i: { kind: 'RISKS', format: 'CSV', filename: 'risks.csv', contentBase64, dryRun: true } });
    expect(dry.totalRows).toBe(125);
    const dryJob = await finished(dry.id);
    expect(dryJob).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', processedRows: 125, importedRows: 120, errorRows: 5 });
    const after = await kit.counts();
    expect({ ...after, risk_import_job: 0 }).toEqual({ ...before, risk_import_job: 0 });

    const { startRiskImport: real } = await kit.service.ok<{ startRiskImport: { id: string } }>(IMPORT, { i: { kind: 'RISKS', format: 'CSV', filename: 'risks.csv', contentBase64, dryRun: false } });
    const job = await finished(real.id);
    expect(job).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', totalRows: 125, importedRows: 120, errorRows: 5 });
    expect(job.errors).toEqual([
      { row: 62, field: 'inherent_likelihood', message: 'likelihood 7 is not on the 5-level scale of methodology v1' },
      { row: 63, field: 'title', message: 'title is required' },
      { row: 64, field: 'owner_email', message: 'nobody@bank.example is not an active person of the organisation' },
      { row: 65, field: 'controls', message: 'not ISO/IEC 27001:2022 Annex A controls: A.5.99' },
      { row: 66, field: 'unit_id', message: 'unit_id "not-a-uuid" is not a UUID' },
      { row: 66, field: 'next_review_on', message: 'next_review_on "2026-13-01" is not a date yyyy-mm-dd' },
    ]);
    const imported = await kit.service.ok<{ riskRegister: { totalCount: number; nodes: { owner: { id: string } }[] } }>('{ riskRegister(filter: { search: "Imported risk" }, first: 1) { totalCount nodes { owner { id } } } }');
    expect(imported.riskRegister).toEqual({ totalCount: 120, nodes: [{ owner: { id: owner.id } }] });
    const [{ count }] = await kit.service.deps.dataSource.query("SELECT count(*)::int AS count FROM outbox_event WHERE type = 'risk.risk.upserted' AND envelope->'data'->>'title' LIKE 'Imported risk %'");
    expect(count).toBe(120);
  });

  it('imports assets from XLSX, and refuses a malformed file as a whole', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Assets');
    sheet.addRow(['Type', 'Name', 'Owner email', 'Confidentiality', 'Integrity', 'Availability']);
    sheet.addRow(['software', 'Core banking system', owner.email, 'HIGH', 3, 'high']);
    sheet.addRow(['SITE', 'Data centre Frankfurt', '', 2, 'MEDIUM', 'HIGH']);
    sheet.addRow(['VEHICLE', 'Company car', '', 'LOW', 'LOW', 'LOW']);
    sheet.addRow(['SITE', 'data centre frankfurt', '', 'LOW', 'LOW', 'LOW']);
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const { startRiskImport } = await kit.service.ok<{ startRiskImport: { id: string } }>(IMPORT, { i: { kind: 'ASSETS', format: 'XLSX', contentBase64, dryRun: false } });
    const job = await finished(startRiskImport.id);
    expect(job).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', importedRows: 2, errorRows: 2 });
    expect(job.errors).toEqual([
      { row: 4, field: 'type', message: 'type "VEHICLE" is not one of INFORMATION, SOFTWARE, HARDWARE, SERVICE, PEOPLE, SITE, SUPPLIER' },
      { row: 5, field: 'name', message: 'an asset named "data centre frankfurt" already exists' },
    ]);
    const assets = await kit.service.ok<{ riskAssets: { nodes: { name: string; type: string; integrity: string; owner: { id: string } | null }[] } }>('{ riskAssets { nodes { name type integrity owner { id } } } }');
    expect(assets.riskAssets.nodes).toEqual([
      { name: 'Core banking system', type: 'SOFTWARE', integrity: 'HIGH', owner: { id: owner.id } },
      { name: 'Data centre Frankfurt', type: 'SITE', integrity: 'MEDIUM', owner: null },
    ]);

    const before = await kit.counts();
    const notXlsx = await kit.service.request(IMPORT, { i: { kind: 'ASSETS', format: 'XLSX', filename: 'assets.xlsx', contentBase64: Buffer.from('type,name\n').toString('base64'), dryRun: false } });
    expect(notXlsx.errors?.[0]).toMatchObject({ message: expect.stringContaining('assets.xlsx: the XLSX workbook cannot be read'), extensions: { code: 'MALFORMED_FILE' } });
    const missingColumns = await kit.service.request(IMPORT, { i: { kind: 'RISKS', format: 'CSV', contentBase64: Buffer.from('title,likelihood\nA,1\n').toString('base64'), dryRun: false } });
    expect(missingColumns.errors?.[0]).toMatchObject({ message: expect.stringContaining('the header lacks required columns: inherent_likelihood, inherent_impact'), extensions: { code: 'MALFORMED_FILE' } });
    const brokenCsv = await kit.service.request(IMPORT, { i: { kind: 'RISKS', format: 'CSV', contentBase64: Buffer.from('title,inherent_likelihood,inherent_impact\n"open quote,1,1\n').toString('base64'), dryRun: false } });
    expect(brokenCsv.errors?.[0]).toMatchObject({ message: expect.stringContaining('CSV'), extensions: { code: 'MALFORMED_FILE' } });
    expect(await kit.counts()).toEqual(before);
  });

  it('closes an import whose process died, with what it had imported, and leaves a live one alone', async () => {
    const db = kit.service.deps.dataSource;
    const insertJob = async (minutesAgo: number): Promise<string> =>
      (
        await db.query(
          `INSERT INTO risk_import_job (organisation_id, kind, format, filename, dry_run, status, total_rows, processed_rows, imported_rows, created_by, created_at)
           VALUES ($1, 'RISKS', 'CSV', 'risks.csv', false, 'RUNNING', 1000, 500, 480, 'tester', now() - make_interval(mins => $2)) RETURNING id`,
          [TEST_ORGANISATION_ID, minutesAgo],
        )
      )[0].id;
    const live = await insertJob(10);
    const dead = await insertJob(5);
    // A runner that is still alive holds its job's lock.
    const runner = new Client({ connectionString: databaseUrl(kit.service.deps.config.DATABASE_URL, kit.service.deps.config.DATABASE_NAME) });
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [importJobLockKey(live)]);
      // The scheduled sweep (every minute, and at start-up), run now rather than waited for.
      expect((await kit.service.jobs!.runJobNow(IMPORT_RECOVERY_JOB)).state).toBe('completed');
      const closed = await finished(dead);
      expect(closed).toMatchObject({ status: 'FAILED', failure: 'interrupted by a restart after 500 of 1000 rows (480 imported before it); import the remaining rows again' });
      // The sweep visits jobs oldest first, so it has passed the live job by now.
      const { riskImportJob } = await kit.service.ok<{ riskImportJob: Job }>(JOB, { id: live });
      expect(riskImportJob.status).toBe('RUNNING');
    } finally {
      await runner.end();
      await db.query("UPDATE risk_import_job SET status = 'FAILED', failure = 'test cleanup', finished_at = now() WHERE id = $1", [live]);
    }
  });
});
