/**
 * Bulk import of people: generates an XLSX of N people (default 20,000) with exceljs, in 60 units, each person
 * reporting to someone later in the file (so managers are resolved after the first pass), imports it into
 * isms-service on a fresh test database and the real broker, and prints seconds and rows/s for a dry run, the
 * import, and a re-import of the same file (all rows unchanged), plus how long the relay took to publish the events.
 *   node -r @swc-node/register tools/bench/people-import.bench.ts [rows=20000]
 * Needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432) and KAFKA_BROKERS (default 127.0.0.1:9092).
 */
import 'reflect-metadata';
import ExcelJS from 'exceljs';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../apps/isms-service/src/subgraph';

const START = 'mutation($input: StartImportInput!) { startOrganisationImport(input: $input) { id } }';
const JOB = 'query($id: ID!) { importJob(id: $id) { status message totalRows processedRows createdCount updatedCount unchangedCount failedCount } }';

interface Job {
  status: string;
  message: string;
  totalRows: number;
  processedRows: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  failedCount: number;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 20_000);
  const prefix = uniqueTopicPrefix('bench-import');
  process.env['TEST_LOG_LEVEL'] = 'error';
  const service = await startTestSubgraph(isms, { topicPrefix: prefix });
  try {
    const unitCsv = ['external_id,name,kind,parent', 'GRP,Group,BUSINESS_UNIT,', ...Array.from({ length: 60 }, (_, i) => `U${i},Department ${i},DEPARTMENT,GRP`)].join('\n');
    await run(service, 'UNITS', 'units.csv', Buffer.from(unitCsv), false);

    let started = Date.now();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['email', 'name', 'external_id', 'unit', 'manager_email', 'job_role', 'active']);
    for (let i = 0; i < rows; i += 1) {
      const manager = i < rows - 1 ? `person.${Math.min(rows - 1, i + 1 + (i % 7))}@bank.test` : '';
      sheet.addRow([`person.${i}@bank.test`, `Person ${i}`, `HR-${i}`, i % 3 === 0 ? `U${i % 60}` : `Group/Department ${i % 60}`, manager, 'Analyst', 'yes']);
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    console.log(`generated ${rows} rows as XLSX: ${(file.length / 1024 / 1024).toFixed(2)} MB (base64 ${((file.length * 4) / 3 / 1024 / 1024).toFixed(2)} MB) in ${Date.now() - started} ms`);

    await run(service, 'PEOPLE', 'people.xlsx', file, true);
    const outboxBefore = Number((await service.deps.dataSource.query('SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL'))[0].count);
    started = Date.now();
    const imported = await run(service, 'PEOPLE', 'people.xlsx', file, false);
    await eventually(
      'every person event published',
      async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM outbox_event WHERE published_at IS NOT NULL'))[0].count) >= outboxBefore + imported.createdCount,
      { timeoutMs: 600_000, intervalMs: 250 },
    );
    console.log(`all ${imported.createdCount} person events published to Kafka ${((Date.now() - started) / 1000).toFixed(1)} s after the import started`);
    await run(service, 'PEOPLE', 'people.xlsx', file, false);
  } finally {
    await service.close();
    await deleteTopicsWithPrefix(prefix);
  }
}

async function run(service: Awaited<ReturnType<typeof startTestSubgraph>>, kind: string, fileName: string, file: Buffer, dryRun: boolean): Promise<Job> {
  const started = Date.now();
  const { startOrganisationImport } = await service.ok<{ startOrganisationImport: { id: string } }>(START, { input: { kind, fileName, dryRun, contentBase64: file.toString('base64') } });
  const accepted = Date.now() - started;
  let lastShown = -1;
  const job = await eventually(
    `import ${startOrganisationImport.id}`,
    async () => {
      const { importJob } = await service.ok<{ importJob: Job }>(JOB, { id: startOrganisationImport.id });
      const step = Math.floor((importJob.processedRows / Math.max(1, importJob.totalRows ?? 1)) * 4);
      if (kind === 'PEOPLE' && !dryRun && importJob.status === 'RUNNING' && step > lastShown) {
        lastShown = step;
        console.log(`  progress: ${importJob.processedRows}/${importJob.totalRows ?? '?'} rows after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      return importJob.status === 'SUCCEEDED' || importJob.status === 'FAILED' ? importJob : undefined;
    },
    { timeoutMs: 600_000, intervalMs: 200 },
  );
  const seconds = (Date.now() - started) / 1000;
  const label = `${kind.toLowerCase()} ${dryRun ? 'dry run' : 'import'}`.padEnd(16);
  console.log(
    `${label} ${job.status} ${job.totalRows} rows in ${seconds.toFixed(1)} s (${Math.round(job.totalRows / seconds)} rows/s; mutation answered in ${accepted} ms): ` +
      `created ${job.createdCount}, updated ${job.updatedCount}, unchanged ${job.unchangedCount}, failed ${job.failedCount}`,
  );
  if (job.status !== 'SUCCEEDED') throw new Error(`import failed: ${job.message}`);
  return job;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
