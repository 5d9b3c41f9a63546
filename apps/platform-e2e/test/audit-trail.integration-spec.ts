import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role } from '@iso27001/authz';
import { trailHash, verifyTrail } from '@iso27001/platform';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, testServerUrl, uniqueTopicPrefix } from '@iso27001/testing';
import { RiskConfig } from '../../risk-service/src/config';
import { risk } from '../../risk-service/src/subgraph';

/**
 * The audit trail through a real subgraph (risk-service) on real PostgreSQL: every mutation that commits leaves its
 * rows in the same transaction, a refused one none; the chain holds under concurrent writers; the table refuses
 * changes; `npm run audit-trail:verify` passes on the written chain and names each kind of tampering.
 */
const ROOT = path.resolve(__dirname, '../../..');
const CREATE_RISK = 'mutation($input: CreateRiskInput!) { createRisk(input: $input) { id } }';
const TREAT_RISK = 'mutation($input: TreatRiskInput!) { treatRisk(input: $input) { id treatment } }';
const TRAIL = `query($recordId: String, $operation: String, $actor: String, $first: Int) {
  riskAuditTrail(recordId: $recordId, operation: $operation, actor: $actor, first: $first) {
    totalCount nodes { seq operation action actor actorEmail actorRoles recordType recordId before after prevHash hash }
  }
}`;

interface TrailNode {
  seq: string;
  operation: string;
  action: string;
  actor: string;
  actorEmail: string | null;
  actorRoles: string[];
  recordType: string | null;
  recordId: string | null;
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

const run = promisify(execFile);

/** The value, or a failed test saying what was missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

/** `npm run audit-trail:verify -- --database NAME`, as a separate process; resolves with its exit code and output. */
async function verifyCommand(database: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'tools/audit-trail/verify.ts', '--database', database], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testServerUrl() },
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('the audit trail', () => {
  const prefix = uniqueTopicPrefix('audit-trail');
  let service: TestSubgraph<RiskConfig>;
  const manager = testClaims([Role.IsmsManager], { email: 'isms.manager@bank.example' });
  let database: string;

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T> => service.deps.dataSource.query(sql, parameters) as Promise<T>;
  const firstBreak = async () => must((await verifyTrail((sql, parameters) => query(sql, parameters)))[0], 'a chain').broken;
  const trailCount = async (): Promise<number> => must((await query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_trail'))[0], 'a count').n;
  const asAdmin = (variables: Record<string, unknown>) => service.ok<{ riskAuditTrail: { totalCount: number; nodes: TrailNode[] } }>(TRAIL, variables, testClaims([Role.Admin]));

  beforeAll(async () => {
    service = await startTestSubgraph(risk, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } });
    [{ database }] = await query<{ database: string }[]>('SELECT current_database() AS database');
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('records who changed which record, before and after, with the operation', async () => {
    const { createRisk } = await service.ok<{ createRisk: { id: string } }>(CREATE_RISK, { input: { title: 'Ransomware', inherentLikelihood: 4, inherentImpact: 5 } }, manager);
    await service.ok(TREAT_RISK, { input: { riskId: createRisk.id, treatment: 'ACCEPT', rationale: 'Within appetite', controlIds: [] } }, manager);

    const { riskAuditTrail } = await asAdmin({ recordId: createRisk.id });
    const rows = riskAuditTrail.nodes.filter((node) => node.recordType === 'risk');
    expect(rows.map((row) => [row.operation, row.action])).toEqual(
      expect.arrayContaining([
        ['createRisk', 'INSERT'],
        ['treatRisk', 'UPDATE'],
      ]),
    );
    for (const row of rows) expect(row).toMatchObject({ actor: manager.sub, actorEmail: manager.email, actorRoles: [Role.IsmsManager] });
    const inserted = must(rows.find((row) => row.action === 'INSERT'), 'an INSERT row');
    expect(JSON.parse(must(inserted.after, 'after'))).toMatchObject({ id: createRisk.id, title: 'Ransomware' });
    const treated = must(rows.find((row) => row.operation === 'treatRisk' && row.before), 'the treatRisk UPDATE row');
    expect(JSON.parse(must(treated.before, 'before'))).toMatchObject({ treatment: null });
    expect(JSON.parse(must(treated.after, 'after'))).toMatchObject({ treatment: 'ACCEPT' });

    const { riskAuditTrail: operations } = await asAdmin({ operation: 'treatRisk', actor: manager.email });
    const mutationRow = must(operations.nodes.find((node) => node.action === 'MUTATION'), 'a MUTATION row');
    expect(JSON.parse(must(mutationRow.after, 'arguments'))).toMatchObject({ input: { riskId: createRisk.id, treatment: 'ACCEPT' } });
  });

  it('writes nothing for a mutation that is refused', async () => {
    const before = await trailCount();
    const refused = await service.request(CREATE_RISK, { input: { title: 'Not allowed', inherentLikelihood: 1, inherentImpact: 1 } }, testClaims([Role.Employee]));
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const invalid = await service.request(TREAT_RISK, { input: { riskId: '00000000-0000-4000-8000-00000000dead', treatment: 'ACCEPT', rationale: 'x', controlIds: [] } }, manager);
    expect(invalid.errors).toBeDefined();
    expect(await trailCount()).toBe(before);
  });

  it('keeps one gap-free chain when mutations commit at the same time', async () => {
    const before = await trailCount();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => service.ok(CREATE_RISK, { input: { title: `Concurrent ${i}`, inherentLikelihood: 2, inherentImpact: 2 } }, manager)),
    );
    expect(await trailCount()).toBeGreaterThanOrEqual(before + 24); // a MUTATION and an INSERT row each
    const [chain] = await verifyTrail((sql, parameters) => query(sql, parameters));
    expect(chain).toMatchObject({ chain: manager.organisationId, broken: null, rows: await trailCount() });
    const [{ gaps }] = await query<{ gaps: number }[]>('SELECT (max(seq) - count(*))::int AS gaps FROM audit_trail');
    expect(gaps).toBe(0);
  });

  it('is readable by administrators and auditors only, and by an external auditor only under a live grant', async () => {
    const engagementId = '00000000-0000-4000-8000-0000000000e1';
    for (const roles of [[Role.Admin], [Role.InternalAuditor]]) {
      const result = await service.request(TRAIL, { first: 1 }, testClaims(roles));
      expect(result.errors).toBeUndefined();
    }
    for (const roles of [[Role.IsmsManager], [Role.RiskOwner], [Role.Employee], [Role.ServiceAccount]]) {
      const result = await service.request(TRAIL, { first: 1 }, testClaims(roles));
      expect(result.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    }
    const ungranted = await service.request(TRAIL, { first: 1 }, testClaims([Role.ExternalAuditor]));
    expect(ungranted.errors?.[0]?.extensions?.['code']).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    const expired = await service.request(TRAIL, { first: 1 }, testClaims([Role.ExternalAuditor], { engagementId, grantExpiresAt: '2020-01-01T00:00:00.000Z' }));
    expect(expired.errors?.[0]?.extensions?.['code']).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    const periodless = await service.request(TRAIL, { first: 1 }, testClaims([Role.ExternalAuditor], { engagementId, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(periodless.errors?.[0]?.extensions?.['code']).toBe('AUDIT_TRAIL_OUTSIDE_GRANT');
    const granted = await service.request<{ riskAuditTrail: { totalCount: number } }>(
      TRAIL,
      { first: 1 },
      testClaims([Role.ExternalAuditor], { engagementId, grantExpiresAt: new Date(Date.now() + 3_600_000).toISOString(), periodStart: '2020-01-01', periodEnd: '2099-12-31' }),
    );
    expect(granted.errors).toBeUndefined();
    // Rows are narrowed to the grant's units as well (apps/risk-service/test/audit-trail-units): these risks have no unit.
    expect(granted.data?.riskAuditTrail.totalCount).toBe(0);
    expect(await trailCount()).toBeGreaterThan(0);
    const otherOrganisation = await service.ok<{ riskAuditTrail: { totalCount: number } }>(TRAIL, {}, testClaims([Role.Admin], { organisationId: '00000000-0000-4000-8000-0000000000ff' }));
    expect(otherOrganisation.riskAuditTrail.totalCount).toBe(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the trail', async () => {
    await expect(query("UPDATE audit_trail SET actor = 'someone' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(query('DELETE FROM audit_trail WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(query('TRUNCATE audit_trail')).rejects.toThrow(/append-only/);
    await expect(query('UPDATE audit_trail_head SET seq = 1')).rejects.toThrow(/only moves forward/);
  });

  it('verifies with `npm run audit-trail:verify` and names an edited, removed or inserted row', async () => {
    const intact = await verifyCommand(database);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(new RegExp(`${database} chain ${manager.organisationId}: ok, ${await trailCount()} rows checked`));

    // Someone with the rights to drop the triggers changes the trail behind the platform's back.
    const tamper = async (sql: string, parameters: unknown[] = []): Promise<void> => {
      await query('ALTER TABLE audit_trail DISABLE TRIGGER USER');
      try {
        await query(sql, parameters);
      } finally {
        await query('ALTER TABLE audit_trail ENABLE TRIGGER USER');
      }
    };
    const [fourth] = await query<{ seq: string; actor: string }[]>('SELECT seq::text AS seq, actor FROM audit_trail ORDER BY audit_trail.seq LIMIT 1 OFFSET 3');
    const original = must(fourth, 'row 4');
    await tamper("UPDATE audit_trail SET actor = 'someone-else' WHERE seq = $1", [original.seq]);
    const edited = await verifyCommand(database);
    expect(edited.code).toBe(1);
    expect(edited.output).toContain(`BROKEN at seq ${original.seq} (edited)`);
    await tamper('UPDATE audit_trail SET actor = $2 WHERE seq = $1', [original.seq, original.actor]);
    expect(await firstBreak()).toBeNull();

    const saved = must((await query<Record<string, unknown>[]>('SELECT * FROM audit_trail WHERE seq = 5'))[0], 'row 5');
    await tamper('DELETE FROM audit_trail WHERE seq = 5');
    expect(await firstBreak()).toMatchObject({ seq: '5', reason: 'removed' });
    const columns = Object.keys(saved);
    await tamper(`INSERT INTO audit_trail (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, columns.map((c) => (c === 'before' || c === 'after') && saved[c] !== null ? JSON.stringify(saved[c]) : saved[c]));
    expect((await verifyCommand(database)).code).toBe(0);

    // A forged row appended by someone who knows the hash: it links and hashes correctly, but the head never saw it.
    const last = must((await query<{ seq: string; hash: string }[]>('SELECT seq::text AS seq, hash FROM audit_trail ORDER BY audit_trail.seq DESC LIMIT 1'))[0], 'the last row');
    const content = {
      chain: manager.organisationId,
      seq: String(BigInt(last.seq) + 1n),
      occurredAt: new Date().toISOString(),
      requestId: 'forged',
      operation: 'acceptRisk',
      action: 'MUTATION' as const,
      actor: manager.sub,
      actorEmail: manager.email,
      actorRoles: [Role.IsmsManager],
      engagementId: null,
      recordType: null,
      recordId: null,
      before: null,
      after: { forged: true },
    };
    await query(
      `INSERT INTO audit_trail (chain, seq, occurred_at, request_id, operation, action, actor, actor_email, actor_roles, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [content.chain, content.seq, content.occurredAt, content.requestId, content.operation, content.action, content.actor, content.actorEmail, content.actorRoles, JSON.stringify(content.after), last.hash, trailHash(content, last.hash)],
    );
    const inserted = await verifyCommand(database);
    expect(inserted.code).toBe(1);
    expect(inserted.output).toContain(`BROKEN at seq ${content.seq} (inserted)`);
  });
});
