import ExcelJS from 'exceljs';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../src/config';
import { isms } from '../src/subgraph';
import { IMPORT_RECOVERY_JOB } from '../src/modules/imports/import-job.recovery';

const START = `mutation($input: StartImportInput!) { startOrganisationImport(input: $input) { id status } }`;
const JOB = `query($id: ID!) { importJob(id: $id) {
  id status message dryRun totalRows processedRows progressPercent createdCount updatedCount unchangedCount failedCount
  errors(first: 100) { rowNumber column message } } }`;

interface Job {
  id: string;
  status: string;
  message: string | null;
  dryRun: boolean;
  totalRows: number | null;
  processedRows: number;
  progressPercent: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  failedCount: number;
  errors: { rowNumber: number; column: string | null; message: string }[];
}

describe('isms-service: bulk import of units and people (CSV, XLSX)', () => {
  const prefix = uniqueTopicPrefix('isms-import');
  let service: TestSubgraph<IsmsConfig>;
  const counts = async () =>
    (await service.deps.dataSource.query('SELECT (SELECT count(*) FROM org_unit)::int AS units, (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM outbox_event)::int AS events'))[0];

  const start = async (kind: string, fileName: string, content: Buffer | string, dryRun = false) =>
    (
      await service.ok<{ startOrganisationImport: { id: string; status: string } }>(START, {
        input: { kind, fileName, dryRun, contentBase64: Buffer.from(content).toString('base64') },
      })
    ).startOrganisationImport;
  const finished = (id: string) =>
    eventually(`import ${id} to finish`, async () => {
      const { importJob } = await service.ok<{ importJob: Job }>(JOB, { id });
      return importJob.status === 'SUCCEEDED' || importJob.status === 'FAILED' ? importJob : undefined;
    });

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('imports units from CSV, parents later in the file, with a row report for the bad rows', async () => {
    const csv = [
      'external_id,name,kind,parent',
      'PAY,Payments,DEPARTMENT,RB',
      'RB,Retail Banking,BUSINESS_UNIT,',
      'CARDS,Cards,TEAM,PAY',
      'BAD,Broken,SQUAD,',
      'ORPHAN,Orphan,TEAM,Nowhere',
    ].join('\n');
    const job = await finished((await start('UNITS', 'units.csv', csv)).id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 5, processedRows: 5, progressPercent: 100, createdCount: 3, failedCount: 2 });
    expect(job.message).toContain('2 row(s) with errors were skipped (see the errors); the other rows went in');
    expect(job.errors).toEqual([
      { rowNumber: 5, column: 'kind', message: 'kind must be one of BUSINESS_UNIT, DEPARTMENT, TEAM, not "SQUAD"' },
      { rowNumber: 6, column: 'parent', message: 'no parent unit with external id, path or name "Nowhere"' },
    ]);
    const units = await service.ok<{ orgUnits: { name: string; externalId: string; parentId: string | null; id: string }[] }>('{ orgUnits { id name externalId parentId } }');
    const byName = new Map(units.orgUnits.map((u) => [u.name, u]));
    expect(byName.get('Payments')?.parentId).toBe(byName.get('Retail Banking')?.id);
    expect(byName.get('Cards')?.parentId).toBe(byName.get('Payments')?.id);

    // Once they exist, a path names a unit; re-importing the same rows changes nothing.
    const again = await finished((await start('UNITS', 'units.csv', 'name,kind,parent\nFraud,TEAM,Retail Banking/Payments\nPayments,DEPARTMENT,RB\n')).id);
    expect(again).toMatchObject({ status: 'SUCCEEDED', createdCount: 1, unchangedCount: 1, failedCount: 0 });
  });

  it('imports a few hundred people from XLSX with managers later in the file, reports progress and publishes one event per created person', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['Email', 'Name', 'External ID', 'Unit', 'Manager Email', 'Job Role', 'Active']);
    const total = 300;
    for (let i = 0; i < total; i += 1) {
      // Everyone reports to the person one row below (who comes later), the last one to nobody.
      sheet.addRow([`p${i}@bank.test`, `Person ${i}`, `HR-${i}`, i % 2 ? 'PAY' : 'Retail Banking/Payments', i < total - 1 ? `p${i + 1}@bank.test` : '', 'Analyst', 'yes']);
    }
    sheet.addRow(['not-an-email', 'Bad', '', '', '', '', '']);
    sheet.addRow(['ghost-report@bank.test', 'Ghost Report', '', 'PAY', 'ghost@bank.test', '', '']);
    const before = await counts();
    const job = await finished((await start('PEOPLE', 'people.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))).id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: total + 2, processedRows: total + 2, createdCount: total, updatedCount: 0, failedCount: 2 });
    expect(job.errors).toEqual([
      { rowNumber: total + 2, column: 'email', message: '"not-an-email" is not a valid e-mail address' },
      { rowNumber: total + 3, column: 'manager_email', message: 'no person with e-mail ghost@bank.test in this file or in the organisation' },
    ]);
    const after = await counts();
    expect(after.people - before.people).toBe(total);
    expect(after.events - before.events).toBe(total);
    const chain = await service.deps.dataSource.query(
      `SELECT p.email, m.email AS manager FROM person p LEFT JOIN person m ON m.id = p.manager_id WHERE p.email IN ('p0@bank.test', 'p299@bank.test') ORDER BY p.email`,
    );
    expect(chain).toEqual([
      { email: 'p0@bank.test', manager: 'p1@bank.test' },
      { email: 'p299@bank.test', manager: null },
    ]);

    const consumer = testKafka().consumer({ groupId: `${prefix}import` });
    const keys = new Set<string>();
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}isms.person.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void keys.add(String(message.key)) });
    try {
      await eventually(`${total} person events on the broker`, () => keys.size >= total, { timeoutMs: 60_000 });
    } finally {
      await consumer.disconnect();
    }

    // The same file again, with one change: one update, the rest unchanged, and only one more event.
    sheet.getRow(2).getCell(2).value = 'Person Zero';
    const eventsBefore = (await counts()).events;
    const again = await finished((await start('PEOPLE', 'people.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()))).id);
    expect(again).toMatchObject({ status: 'SUCCEEDED', createdCount: 0, updatedCount: 1, unchangedCount: total - 1, failedCount: 2 });
    expect((await counts()).events - eventsBefore).toBe(1);
  });

  it('a dry run validates and counts but writes nothing', async () => {
    const before = await counts();
    const job = await finished((await start('PEOPLE', 'new.csv', 'email,name\nnew1@bank.test,New One\np1@bank.test,Person 1 renamed\n', true)).id);
    expect(job).toMatchObject({ status: 'SUCCEEDED', dryRun: true, createdCount: 1, updatedCount: 1, failedCount: 0 });
    expect(job.message).toContain('Dry run, nothing written');
    expect(await counts()).toEqual(before);
  });

  it('fails the whole job with a clear message and writes nothing for a malformed file', async () => {
    const before = await counts();
    const missingHeader = await finished((await start('PEOPLE', 'people.csv', 'mail,full name\na@bank.test,A\n')).id);
    expect(missingHeader).toMatchObject({ status: 'FAILED', createdCount: 0, processedRows: 0 });
    expect(missingHeader.message).toBe('"people.csv": missing required column "email" (found: "mail", "name"); the columns are email, name, external_id, unit, manager_email, job_role, active');
    const notAFile = await finished((await start('PEOPLE', 'people.pdf', '%PDF-1.7 binary')).id);
    expect(notAFile).toMatchObject({ status: 'FAILED', message: '"people.pdf" is not a CSV or XLSX file: upload a .csv or .xlsx file' });
    const fakeXlsx = await finished((await start('PEOPLE', 'people.xlsx', 'email,name\na@bank.test,A\n')).id);
    expect(fakeXlsx.status).toBe('FAILED');
    expect(fakeXlsx.message).toContain('is not a valid XLSX workbook');
    expect(await counts()).toEqual(before);
  });

  it('resumes an import whose process died mid-way, and finishes it once', async () => {
    const recovering = await startTestSubgraph(isms, { topicPrefix: prefix });
    try {
      const db = recovering.deps.dataSource;
      // As a crashed runner leaves it: RUNNING, part of the rows written, an error recorded, nobody holding the job.
      await db.query("INSERT INTO person (organisation_id, email, name) VALUES ($1, 'r1@bank.test', 'Resumed One')", [TEST_ORGANISATION_ID]);
      const [{ id }] = await db.query(
        `INSERT INTO import_job (organisation_id, kind, file_name, content, size_bytes, status, processed_rows, created_count, requested_by, started_at, updated_at)
         VALUES ($1, 'PEOPLE', 'crashed.csv', $2, 60, 'RUNNING', 1, 1, 'tester', now() - interval '5 minutes', now() - interval '5 minutes') RETURNING id`,
        [TEST_ORGANISATION_ID, Buffer.from('email,name\nr1@bank.test,Resumed One\nr2@bank.test,Resumed Two\nr3@bank.test,Resumed Three\n')],
      );
      await db.query("INSERT INTO import_job_error (job_id, row_number, column_name, message) VALUES ($1, 9, NULL, 'stale error from before the crash')", [id]);

      // The scheduled sweep (every minute, and at start-up), run now rather than waited for.
      expect((await recovering.jobs!.runJobNow(IMPORT_RECOVERY_JOB)).state).toBe('completed');
      const job = await eventually('the interrupted import to be resumed and finished', async () => {
        const { importJob } = await recovering.ok<{ importJob: Job }>(JOB, { id });
        return importJob.status === 'SUCCEEDED' || importJob.status === 'FAILED' ? importJob : undefined;
      });
      expect(job).toMatchObject({ status: 'SUCCEEDED', totalRows: 3, processedRows: 3, createdCount: 2, unchangedCount: 1, failedCount: 0, errors: [] });
      expect(job.message).toMatch(/^Resumed after an interruption/);
      const people: { email: string }[] = await db.query('SELECT email FROM person ORDER BY email');
      expect(people.map((p) => p.email)).toEqual(['r1@bank.test', 'r2@bank.test', 'r3@bank.test']);
      const [{ content }] = await db.query('SELECT content FROM import_job WHERE id = $1', [id]);
      expect(content).toBeNull();
    } finally {
      await recovering.close();
    }
  });

  it('refuses an oversized or non-base64 upload before creating a job, and imports by non-managers', async () => {
    const jobsBefore = Number((await service.deps.dataSource.query('SELECT count(*) FROM import_job'))[0].count);
    const small = await startTestSubgraph(isms, { topicPrefix: prefix, env: { IMPORT_MAX_BYTES: '100' } });
    try {
      const tooBig = await small.request(START, { input: { kind: 'PEOPLE', fileName: 'p.csv', contentBase64: Buffer.from('x'.repeat(200)).toString('base64') } });
      expect(tooBig.errors?.[0]).toMatchObject({ message: 'the file is larger than the limit of 100 bytes; split it into several imports', extensions: { code: 'FILE_TOO_LARGE' } });
    } finally {
      await small.close();
    }
    const notBase64 = await service.request(START, { input: { kind: 'PEOPLE', fileName: 'p.csv', contentBase64: '***' } });
    expect(notBase64.errors?.[0]).toMatchObject({ message: 'contentBase64 is not valid base64', extensions: { code: 'FILE_NOT_BASE64' } });
    const denied = await service.request(START, { input: { kind: 'PEOPLE', fileName: 'p.csv', contentBase64: 'YQ==' } }, testClaims([Role.Executive]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(Number((await service.deps.dataSource.query('SELECT count(*) FROM import_job'))[0].count)).toBe(jobsBefore);
  });
});
