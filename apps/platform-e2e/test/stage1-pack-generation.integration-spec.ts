import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, testSecret, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../isms-service/src/subgraph';
import { EvidenceConfig } from '../../evidence-service/src/config';
import { fileStoreFor } from '../../evidence-service/src/modules/files/file-store.factory';
import { evidence } from '../../evidence-service/src/subgraph';

const GENERATE = `mutation { generateStage1Documents { documents { document artefactId outcome evidenceId versionNumber errorCode errorMessage } generatedArtefacts manualArtefacts } }`;

interface Generation {
  generateStage1Documents: {
    documents: { document: string; artefactId: string | null; outcome: string; evidenceId: string | null; versionNumber: number | null; errorCode: string | null; errorMessage: string | null }[];
    generatedArtefacts: string[];
    manualArtefacts: string[];
  };
}

/**
 * Generating documents when a source cannot give them: a service that does not answer, one that is not configured, an
 * organisation without a single root unit. Each such document is reported FAILED with its code and a message free of
 * internal addresses, nothing of it is written (no evidence, no file row, no stored object, no event), and the others
 * still generate.
 */
describe('generating documents that cannot be generated', () => {
  const prefix = uniqueTopicPrefix('stage1-generation');
  const secret = testSecret();
  let ismsService: TestSubgraph<never>;
  let evidenceService: TestSubgraph<EvidenceConfig>;
  let dataDir: string;
  const manager = testClaims([Role.IsmsManager]);
  const executive = testClaims([Role.Executive]);

  const written = async () => {
    const [row] = await evidenceService.deps.dataSource.query(
      `SELECT (SELECT count(*)::int FROM evidence_item) AS items, (SELECT count(*)::int FROM evidence_version) AS versions, (SELECT count(*)::int FROM evidence_file) AS files,
              (SELECT count(*)::int FROM generated_document) AS documents, (SELECT count(*)::int FROM outbox_event WHERE envelope->>'type' = 'evidence.item.changed') AS events`,
    );
    return { ...row, objects: (await fileStoreFor(evidenceService.deps.config).list()).length };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'stage1-generation-'));
    ismsService = (await startTestSubgraph(isms as never, { topicPrefix: prefix, secret })) as TestSubgraph<never>;
    evidenceService = await startTestSubgraph(evidence, {
      topicPrefix: prefix,
      secret,
      // risk-service "runs" on a port nothing listens on; controls and training are not configured at all.
      env: { EVIDENCE_DATA_DIR: dataDir, DOCUMENT_SOURCES: `isms=${new URL(ismsService.url).origin},risk=http://127.0.0.1:9` },
    });
    // Two units without a parent: the organisation has no single root unit for its documents yet.
    const unit = async (name: string) =>
      (await ismsService.ok<{ createOrgUnit: { id: string } }>('mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind: 'BUSINESS_UNIT', parentId: null } }, manager)).createOrgUnit.id;
    const bank = await unit('Bank');
    await unit('Insurance');
    const { createIsmsScopeDraft } = await ismsService.ok<{ createIsmsScopeDraft: { id: string } }>('mutation { createIsmsScopeDraft { id } }', {}, manager);
    await ismsService.ok('mutation($i: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $i) { id } }', { i: { id: createIsmsScopeDraft.id, statement: 'The bank', inScopeUnitIds: [bank] } }, manager);
    await ismsService.ok('mutation($id: ID!) { submitIsmsScopeForApproval(id: $id) { id } }', { id: createIsmsScopeDraft.id }, manager);
    await ismsService.ok('mutation($id: ID!) { approveIsmsScope(id: $id) { id } }', { id: createIsmsScopeDraft.id }, executive);
    await eventually('evidence-service has both units and the scope', async () => {
      const [row] = await evidenceService.deps.dataSource.query('SELECT (SELECT count(*)::int FROM unit_replica) AS units, (SELECT count(*)::int FROM isms_scope_replica) AS scopes');
      return row.units === 2 && row.scopes === 1;
    });
  });

  afterAll(async () => {
    await evidenceService?.close();
    await ismsService?.close();
    await deleteTopicsWithPrefix(prefix);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reports each document that cannot be generated, with its reason, and writes nothing for it', async () => {
    const before = await written();
    const { generateStage1Documents: result } = await evidenceService.ok<Generation>(GENERATE, {}, manager);
    const byName = Object.fromEntries(result.documents.map((entry) => [entry.document, entry]));
    expect(byName['isms-scope']).toMatchObject({ outcome: 'FAILED', errorCode: 'ROOT_UNIT_UNKNOWN', evidenceId: null });
    expect(byName['isms-scope']?.errorMessage).toMatch(/2 units without a parent/);
    expect(byName['information-security-objectives']).toMatchObject({ outcome: 'NO_DATA', errorCode: null });
    for (const name of ['risk-assessment-process', 'risk-treatment-process', 'risk-assessment-results', 'risk-treatment-plan']) {
      expect(byName[name]).toMatchObject({ outcome: 'FAILED', errorCode: 'DOCUMENT_SOURCE_UNAVAILABLE' });
      // The caller learns which service, never its address.
      expect(byName[name]?.errorMessage).toMatch(/risk-service did not render it/);
      expect(byName[name]?.errorMessage).not.toMatch(/127\.0\.0\.1|http/);
    }
    for (const name of ['statement-of-applicability', 'information-security-policy', 'competence-records', 'awareness-results']) {
      expect(byName[name]).toMatchObject({ outcome: 'FAILED', errorCode: 'DOCUMENT_SOURCE_NOT_CONFIGURED' });
    }
    expect(result.generatedArtefacts).toEqual([]);
    expect(result.manualArtefacts).toHaveLength(17);
    expect(await written()).toEqual(before);
    expect(before).toMatchObject({ items: 0, files: 0, documents: 0, objects: 0 });
  });

  it('generates the scope once the organisation has one root unit, and still nothing for the sources that fail', async () => {
    const units: { unit_id: string; name: string }[] = await evidenceService.deps.dataSource.query('SELECT unit_id, name FROM unit_replica ORDER BY name');
    const bank = units.find((unit) => unit.name === 'Bank')?.unit_id;
    const insurance = units.find((unit) => unit.name === 'Insurance')?.unit_id;
    await ismsService.ok('mutation($i: MoveOrgUnitInput!) { moveOrgUnit(input: $i) { id } }', { i: { id: insurance, parentId: bank } }, manager);
    await eventually('evidence-service sees one root', async () => {
      const [row] = await evidenceService.deps.dataSource.query('SELECT count(*)::int AS n FROM unit_replica WHERE parent_id IS NULL');
      return row.n === 1;
    });
    const { generateStage1Documents: result } = await evidenceService.ok<Generation>(GENERATE, {}, manager);
    const byName = Object.fromEntries(result.documents.map((entry) => [entry.document, entry]));
    expect(byName['isms-scope']).toMatchObject({ outcome: 'CREATED', versionNumber: 1, errorCode: null });
    expect(byName['risk-treatment-plan']).toMatchObject({ outcome: 'FAILED', errorCode: 'DOCUMENT_SOURCE_UNAVAILABLE' });
    expect(result.generatedArtefacts).toEqual(['EV-01']);
    expect(await written()).toMatchObject({ items: 1, versions: 1, files: 1, documents: 1, events: 1, objects: 1 });
    const [item] = await evidenceService.deps.dataSource.query('SELECT unit_id, source, status, collected_by FROM evidence_item');
    expect(item).toEqual({ unit_id: bank, source: 'GENERATED', status: 'COLLECTED', collected_by: manager.sub });
  });

  it('is for programme managers only', async () => {
    for (const roles of [[Role.ControlOwner], [Role.Employee], [Role.Executive], [Role.ExternalAuditor]]) {
      const answer = await evidenceService.request(GENERATE, {}, testClaims(roles));
      expect({ roles, code: answer.errors?.[0]?.extensions?.['code'] }).toEqual({ roles, code: 'FORBIDDEN' });
    }
  });
});
