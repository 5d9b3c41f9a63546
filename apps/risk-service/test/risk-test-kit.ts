import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { PersonUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { RiskConfig } from '../src/config';
import { risk as riskSubgraph } from '../src/subgraph';

export interface TestPerson {
  id: string;
  email: string;
  name: string;
}

/** A risk-service on a fresh database, plus a producer that publishes people as isms-service would. */
export class RiskTestKit {
  readonly prefix: string;
  service!: TestSubgraph<RiskConfig>;
  private publisher!: TestEventPublisher;

  constructor(label: string) {
    this.prefix = uniqueTopicPrefix(label);
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    this.service = await startTestSubgraph(riskSubgraph, { topicPrefix: this.prefix, env: { PERSON_REPLICA_WAIT_MS: '0', ...env } });
    this.publisher = await TestEventPublisher.connect(this.prefix, 'risk-test-producer');
  }

  async stop(): Promise<void> {
    await this.publisher?.disconnect();
    await this.service?.close();
    await deleteTopicsWithPrefix(this.prefix);
  }

  /** Publishes PersonUpserted on the broker and waits until the service's replica has the person. */
  async person(name: string, overrides: Partial<TestPerson> & { active?: boolean; organisationId?: string } = {}): Promise<TestPerson> {
    const person = { id: overrides.id ?? randomUUID(), email: overrides.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}@bank.example`, name };
    await this.publisher.publishAs(
      PersonUpserted,
      { ...person, unitId: null, managerId: null, jobRole: null, active: overrides.active ?? true },
      overrides.organisationId ? { organisationId: overrides.organisationId } : {},
    );
    await eventually(`${name} in the people replica`, async () => {
      const rows: unknown[] = await this.service.deps.dataSource.query('SELECT 1 FROM person_replica WHERE person_id = $1 AND active = $2', [person.id, overrides.active ?? true]);
      return rows.length > 0;
    });
    return person;
  }

  /** Rows of the tables a change may write, and the outbox: "nothing written" means these stay equal. */
  async counts(): Promise<Record<string, number>> {
    const tables = ['risk', 'risk_assessment', 'risk_action', 'risk_asset', 'asset', 'risk_methodology', 'risk_methodology_draft', 'assessment_run', 'assessment_run_item', 'risk_import_job', 'outbox_event'];
    const [row] = await this.service.deps.dataSource.query(`SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
    return row as Record<string, number>;
  }

  /** Outbox envelopes recorded for a subject, oldest first. */
  async events(subjectId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const rows: { envelope: { type: string; data: Record<string, unknown> } }[] = await this.service.deps.dataSource.query('SELECT envelope FROM outbox_event WHERE message_key = $1 ORDER BY seq', [subjectId]);
    return rows.map((r) => r.envelope);
  }

  claimsOf(person: TestPerson, roles: Role[] = [Role.RiskOwner]) {
    return testClaims(roles, { email: person.email, name: person.name });
  }
}

/**
 * The text of a PDF, read back with pdf-parse. pdf.js loads its worker with a dynamic `import()`, which jest's VM
 * refuses (without --experimental-vm-modules), so the parse runs in a plain Node child process.
 */
export function pdfText(pdf: Buffer): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
      try {
        process.stdout.write((await parser.getText()).text);
      } finally {
        await parser.destroy();
      }
    });`;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { cwd: process.cwd(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pdf-parse failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(pdf);
  });
}
