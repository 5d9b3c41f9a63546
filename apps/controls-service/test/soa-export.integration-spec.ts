import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { oscalErrors } from './fixtures/oscal/oscal-schema';
import { pdfText } from './pdf-text';
import { approveScope, publishPerson } from './soa-test-events';


const EXPORT = `query($format: SoaExportFormat!, $version: Int) { exportStatementOfApplicability(format: $format, version: $version) { filename contentType base64 } }`;

interface ExportFile {
  filename: string;
  contentType: string;
  base64: string;
}

describe('controls-service: SoA exports (XLSX, PDF, CSV, OSCAL)', () => {
  const prefix = uniqueTopicPrefix('soa-export');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager], { name: 'Isla Manager' });
  const executive = testClaims([Role.Executive], { name: 'Erin Executive' });
  const [unitA, unitB, owner, policy, evidence] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  // An external auditor reads the implementations of the units their token (their grant) names.
  const auditor = testClaims([Role.ExternalAuditor], { unitIds: [unitA, unitB] });

  async function exported(format: string, version?: number, claims = auditor): Promise<ExportFile> {
    return (await service.ok<{ exportStatementOfApplicability: ExportFile }>(EXPORT, { format, version }, claims)).exportStatementOfApplicability;
  }

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'isms-service-stand-in');
    await publishPerson(events, service, 'Olga Owner', { id: owner });
    await approveScope(events, [unitA, unitB], 4);
    await eventually('scope approved', async () => ((await service.ok<{ soaScope: unknown }>('{ soaScope { id } }')).soaScope ? true : undefined));
    const set = `mutation($input: SetControlApplicabilityInput!) { setControlApplicability(input: $input) { applicable } }`;
    await service.ok(set, { input: { controlId: 'A.8.13', applicable: true, reasons: ['LEGAL', 'BUSINESS'], justification: 'Record retention law, "10 years"' } }, manager);
    await service.ok(set, { input: { controlId: 'A.7.5', applicable: false, justification: 'No own premises, all in a certified cloud' } }, manager);
    await service.ok(
      `mutation($input: UpdateSoaEntryInput!) { updateSoaEntry(input: $input) { implementationStatus } }`,
      { input: { controlId: 'A.8.13', implementationStatus: 'IMPLEMENTED', ownerIds: [owner], policyIds: [policy], evidenceIds: [evidence], changeReason: 'Backups run' } },
      manager,
    );
    const create = `mutation($input: CreateControlImplementationInput!) { createControlImplementation(input: $input) { id } }`;
    for (const [unitId, maturity] of [[unitA, 4], [unitB, 2]] as const) {
      await service.ok(
        create,
        { input: { controlId: 'A.8.13', unitId, status: 'IMPLEMENTED', maturity, description: `Nightly backups in unit ${maturity}`, testProcedure: 'Restore a sample', testFrequency: 'QUARTERLY', lastTestedOn: '2026-10-01' } },
        manager,
      );
    }
    const { submitSoaVersion } = await service.ok<{ submitSoaVersion: { id: string } }>(`mutation { submitSoaVersion(note: "Stage 1 baseline") { id } }`, {}, manager);
    await service.ok('mutation($id: ID!) { approveSoaVersion(id: $id) { number } }', { id: submitSoaVersion.id }, executive);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('exports a version as XLSX: 93 rows with the values auditors expect, and the implementations per unit', async () => {
    const file = await exported('XLSX', 1);
    expect(file).toMatchObject({ filename: 'soa-v1.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Statement of Applicability')!;
    expect(sheet.rowCount).toBe(94);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Control', 'Title', 'Theme', 'Applicable', 'Reasons for inclusion', 'Justification', 'Implementation status', 'Owners', 'Linked risks', 'Policies', 'Evidence', 'Attributes']));
    const rows = new Map<string, Record<string, unknown>>();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.set(String(values[0]), Object.fromEntries(header.map((name, index) => [String(name), values[index] ?? ''])));
    });
    expect(rows.size).toBe(93);
    expect(rows.get('A.8.13')).toMatchObject({
      Title: 'Information backup',
      Theme: 'TECHNOLOGICAL',
      Applicable: 'Yes',
      'Reasons for inclusion': 'LEGAL; BUSINESS',
      Justification: 'Record retention law, "10 years"',
      'Implementation status': 'IMPLEMENTED',
      Owners: owner,
      Policies: policy,
      Evidence: evidence,
      'Implemented in units': '2',
      Attributes: expect.stringContaining('#Corrective'),
    });
    expect(rows.get('A.7.5')).toMatchObject({ Applicable: 'No', Justification: 'No own premises, all in a certified cloud', Title: 'Protecting against physical and environmental threats' });
    expect(rows.get('A.5.1')).toMatchObject({ Applicable: 'No', Justification: '', Theme: 'ORGANIZATIONAL' });
    const implementations = workbook.getWorksheet('Implementations')!;
    expect(implementations.rowCount).toBe(3);
    const implementationRows = [2, 3].map((number) => {
      const row = implementations.getRow(number);
      return { control: row.getCell(1).value, unit: row.getCell(2).value, status: row.getCell(4).value, maturity: row.getCell(5).value, frequency: row.getCell(8).value };
    });
    expect(implementationRows.sort((a, b) => Number(a.maturity) - Number(b.maturity))).toEqual([
      { control: 'A.8.13', unit: unitB, status: 'IMPLEMENTED', maturity: 2, frequency: 'QUARTERLY' },
      { control: 'A.8.13', unit: unitA, status: 'IMPLEMENTED', maturity: 4, frequency: 'QUARTERLY' },
    ]);
    const about = workbook.getWorksheet('About')!;
    const aboutValues = new Map<string, unknown>();
    about.eachRow((row) => aboutValues.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(aboutValues.get('Version')).toBe('1');
    expect(aboutValues.get('Approved by')).toBe(`Erin Executive (${executive.sub})`);
  });

  it('exports CSV that parses to 93 controls, and the live SoA when no version is given', async () => {
    const file = await exported('CSV', 1);
    expect(file.filename).toBe('soa-v1.csv');
    const records: string[][] = parse(Buffer.from(file.base64, 'base64'), { bom: true });
    expect(records).toHaveLength(94);
    const backup = records.find((record) => record[0] === 'A.8.13')!;
    expect(backup.slice(3, 7)).toEqual(['Yes', 'LEGAL; BUSINESS', 'Record retention law, "10 years"', 'IMPLEMENTED']);

    // A change after publication shows in the live export, not in version 1.
    await service.ok(`mutation { updateSoaEntry(input: { controlId: "A.8.13", implementationStatus: PARTIALLY_IMPLEMENTED, changeReason: "Unit B lags" }) { implementationStatus } }`, {}, manager);
    const live: string[][] = parse(Buffer.from((await exported('CSV')).base64, 'base64'), { bom: true });
    expect(live.find((record) => record[0] === 'A.8.13')![6]).toBe('PARTIALLY_IMPLEMENTED');
    const again: string[][] = parse(Buffer.from((await exported('CSV', 1)).base64, 'base64'), { bom: true });
    expect(again.find((record) => record[0] === 'A.8.13')![6]).toBe('IMPLEMENTED');
  });

  it('exports a PDF whose text names the controls and the decisions', async () => {
    const file = await exported('PDF', 1);
    expect(file).toMatchObject({ filename: 'soa-v1.pdf', contentType: 'application/pdf' });
    const text = await pdfText(Buffer.from(file.base64, 'base64'));
    expect(text).toContain('Statement of Applicability');
    for (const id of ['A.5.1', 'A.7.5', 'A.8.13', 'A.8.34']) expect(text).toContain(id);
    expect(text).toContain('Information backup');
    expect(text).toContain('No own premises');
    expect(text).toContain('Stage 1 baseline');
    expect(text).toContain('Implemented in 2 unit(s)');
  });

  it('exports OSCAL catalog, profile and component definition that validate against NIST\'s OSCAL schemas', async () => {
    const catalog = JSON.parse(Buffer.from((await exported('OSCAL_CATALOG')).base64, 'base64').toString('utf8'));
    expect(oscalErrors('catalog', catalog)).toEqual([]);
    expect(catalog.catalog.groups.flatMap((group: { controls: unknown[] }) => group.controls)).toHaveLength(93);

    const profileFile = await exported('OSCAL_PROFILE', 1);
    expect(profileFile).toMatchObject({ filename: 'soa-v1.oscal-profile.json', contentType: 'application/oscal.profile+json' });
    const profile = JSON.parse(Buffer.from(profileFile.base64, 'base64').toString('utf8'));
    expect(oscalErrors('profile', profile)).toEqual([]);
    expect(profile.profile.imports[0]['include-controls']).toEqual([{ 'with-ids': ['A.8.13'] }]);
    expect(profile.profile.metadata).toMatchObject({ version: '1', 'oscal-version': '1.1.3', remarks: 'Stage 1 baseline' });

    const definition = JSON.parse(Buffer.from((await exported('OSCAL_COMPONENT_DEFINITION', 1)).base64, 'base64').toString('utf8'));
    expect(oscalErrors('component-definition', definition)).toEqual([]);
    const requirements = definition['component-definition'].components[0]['control-implementations'][0]['implemented-requirements'];
    expect(requirements).toHaveLength(93);
    expect(requirements.find((requirement: { 'control-id': string }) => requirement['control-id'] === 'A.7.5').remarks).toBe('No own premises, all in a certified cloud');
  });

  it('refuses unknown versions and callers without read access', async () => {
    const missing = await service.request(EXPORT, { format: 'XLSX', version: 9 }, auditor);
    expect(missing.errors?.[0]).toMatchObject({ message: 'there is no published SoA version 9', extensions: { code: 'VERSION_NOT_FOUND' } });
    const badFormat = await service.request(EXPORT, { format: 'DOCX' }, auditor);
    expect(badFormat.errors?.[0]).toMatchObject({ message: expect.stringContaining('Value "DOCX" does not exist in'), extensions: { code: 'BAD_USER_INPUT' } });
    const employee = await service.request(EXPORT, { format: 'CSV' }, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
