import { ANNEX_A } from '@iso27001/iso27001';
import { oscalErrors } from '../../../../../test/fixtures/oscal/oscal-schema';
import { undecided } from '../../soa-version.diff';
import { buildOscalCatalog, buildOscalComponentDefinition, buildOscalProfile, uuidV5 } from '../soa-export.oscal';
import { SoaExportDocument, toExportRows } from '../soa-export.rows';

const ORG = '00000000-0000-4000-8000-000000000001';
const RISK = '11111111-1111-4111-8111-111111111111';
const UNIT = '22222222-2222-4222-8222-222222222222';

function document(options: { noneApplicable?: boolean } = {}): SoaExportDocument {
  const entries = ANNEX_A.map((control) => undecided(control.id));
  if (!options.noneApplicable) {
    Object.assign(entries[0], { applicable: true, reasons: ['LEGAL', 'BUSINESS'], justification: 'GDPR Art. 24', implementationStatus: 'IMPLEMENTED' });
    Object.assign(entries.find((entry) => entry.controlId === 'A.8.13')!, { applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [RISK], implementationStatus: 'PARTIALLY_IMPLEMENTED' });
  }
  Object.assign(entries.find((entry) => entry.controlId === 'A.7.5')!, { justification: 'No own premises: everything runs in a certified cloud' });
  const implementations = new Map([['A.8.13', [{ unitId: UNIT, ownerId: null, status: 'IMPLEMENTED', maturity: 3, description: 'Nightly backups', testProcedure: null, testFrequency: null, lastTestedOn: null }]]]);
  return {
    meta: { organisationId: ORG, versionNumber: 2, note: 'Stage 1 baseline', approvedBy: 'Isla Manager (sub-1)', approvedAt: new Date('2026-11-01T10:00:00Z'), scopeId: UNIT, scopeVersion: 3, generatedAt: new Date() },
    rows: toExportRows(entries, implementations, new Map([['A.8.13', 'EFFECTIVE']])),
  };
}

describe('OSCAL exports', () => {
  it('builds a catalog of the 93 controls in four theme groups that NIST\'s OSCAL 1.1.3 schema accepts', () => {
    const catalog = buildOscalCatalog();
    expect(oscalErrors('catalog', catalog)).toEqual([]);
    const groups = catalog.catalog.groups;
    expect(groups.map((group) => [group.id, group.controls.length])).toEqual([
      ['organizational', 37],
      ['people', 8],
      ['physical', 14],
      ['technological', 34],
    ]);
    const backup = groups[3]!.controls.find((control) => control.id === 'A.8.13')!;
    expect(backup.title).toBe('Information backup');
    expect(backup.props).toEqual(expect.arrayContaining([{ name: 'label', value: 'A.8.13' }, expect.objectContaining({ name: 'control-type', value: 'CORRECTIVE' })]));
  });

  it('builds the SoA as a profile that imports the catalog and includes exactly the applicable controls', () => {
    const profile = buildOscalProfile(document());
    expect(oscalErrors('profile', profile)).toEqual([]);
    const [imported] = profile.profile.imports;
    expect(imported).toMatchObject({ 'include-controls': [{ 'with-ids': ['A.5.1', 'A.8.13'] }] });
    expect(imported!.href).toBe(`#${profile.profile['back-matter'].resources[0]!.uuid}`);
    const alter = profile.profile.modify!.alters.find((candidate) => candidate['control-id'] === 'A.8.13')!;
    expect(alter.adds[0]!.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'risk', value: RISK }), expect.objectContaining({ name: 'implementation-status', value: 'PARTIALLY_IMPLEMENTED' })]));
    expect(profile.profile['back-matter'].resources[1]).toMatchObject({ description: expect.stringContaining('A.7.5: No own premises') });
  });

  it('builds a valid profile when nothing is applicable yet (include all, exclude all)', () => {
    const profile = buildOscalProfile(document({ noneApplicable: true }));
    expect(oscalErrors('profile', profile)).toEqual([]);
    expect(profile.profile.imports[0]).toMatchObject({ 'include-all': {} });
  });

  it('builds a component definition with one implemented requirement per control', () => {
    const definition = buildOscalComponentDefinition(document());
    expect(oscalErrors('component-definition', definition)).toEqual([]);
    const requirements = definition['component-definition'].components[0]!['control-implementations'][0]!['implemented-requirements'];
    expect(requirements).toHaveLength(93);
    const backup = requirements.find((requirement) => requirement['control-id'] === 'A.8.13')!;
    expect(backup.props).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'implementation-status', value: 'partial' }),
      expect.objectContaining({ name: 'operating-status', value: 'EFFECTIVE' }),
    ]));
    expect(backup.description).toContain('implemented in 1 unit(s)');
  });

  it('is caught by the schema when a document is broken (the validator really validates)', () => {
    const profile = buildOscalProfile(document()) as unknown as { profile: Record<string, unknown> };
    profile.profile['uuid'] = 'not-a-uuid';
    delete profile.profile['imports'];
    const errors = oscalErrors('profile', profile);
    expect(errors.join('\n')).toMatch(/imports/);
    expect(errors.join('\n')).toMatch(/uuid/);
  });

  it('derives stable version 5 UUIDs', () => {
    expect(uuidV5('x')).toBe(uuidV5('x'));
    expect(uuidV5('x')).not.toBe(uuidV5('y'));
    expect(uuidV5('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
