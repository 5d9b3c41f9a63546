import { CombinedGraphQLErrors } from '@apollo/client';
import { compareControlIds, controlName } from '../soa-labels';
import { diffValue, errorCode, errorText, explainOperatingReason, fieldList, nameIds, namesOf } from '../soa-text.rules';

const RISK = '3d7e1c2a-1111-4000-8000-000000000001';
const PERSON = '3d7e1c2a-2222-4000-8000-000000000002';
const OTHER = '3d7e1c2a-3333-4000-8000-000000000003';
const EVIDENCE = '3d7e1c2a-4444-4000-8000-000000000004';

const names = namesOf([{ id: RISK, title: 'Cardholder data exposed' }], [{ id: PERSON, name: 'Ada Lovelace' }], [{ id: EVIDENCE, title: 'Access review Q1' }]);

describe('nameIds', () => {
  it('puts names in place of the ids a person knows (in any case), and "another record" or the wording asked for the others', () => {
    expect(nameIds(`owner ${PERSON} and ${OTHER} must agree`, names)).toBe('owner “Ada Lovelace” and another record must agree');
    expect(nameIds(`owner ${PERSON.toUpperCase()}`, names)).toBe('owner “Ada Lovelace”');
    expect(nameIds(`evidence ${OTHER}`, new Map(), 'an item')).toBe('evidence an item');
    expect(namesOf([{ id: 'a', name: 'Ann', title: 'ignored' }], [{ id: 'b', title: 'Backups' }], [{ id: 'c', name: null }])).toEqual(
      new Map([
        ['a', 'Ann'],
        ['b', 'Backups'],
        ['c', ''],
      ]),
    );
  });

  it('names a risk by its title: the portal’s when it knows the risk, else the one the server wrote', () => {
    expect(nameIds(`risk ${RISK} (Cardholder data …) relies on the control`, names)).toBe('risk “Cardholder data exposed” relies on the control');
    expect(nameIds(`risk ${OTHER} (Supplier outage) relies on the control`, names)).toBe('risk “Supplier outage” relies on the control');
  });
});

describe('errorText and errorCode', () => {
  it('says why a change was refused with names in place of ids, and gives its domain code when the API sent one', () => {
    const refusal = new CombinedGraphQLErrors({
      errors: [{ message: `risk ${RISK} (Cardholder data …) relies on the control`, extensions: { code: 'CONTROL_IN_USE', category: 'CONFLICT' } }],
      data: null,
    });
    expect(errorText(refusal, names)).toBe('risk “Cardholder data exposed” relies on the control');
    expect(errorCode(refusal)).toBe('CONTROL_IN_USE');
    expect(errorCode(new CombinedGraphQLErrors({ errors: [{ message: 'x', extensions: { code: 42 } }], data: null }))).toBeNull();
    expect(errorCode(new Error('Failed to fetch'))).toBeNull();
  });
});

describe('explainOperatingReason', () => {
  it('counts the open findings of a nonconformity, and names approved evidence only when every item is known', () => {
    expect(explainOperatingReason(`open major nonconformity: finding ${OTHER}, ${RISK}`)).toBe('An open major nonconformity (2 audit findings) has not been closed.');
    expect(explainOperatingReason(`open minor nonconformity: finding ${OTHER}`)).toBe('An open minor nonconformity (1 audit finding) has not been closed.');
    expect(explainOperatingReason(`approved evidence: ${EVIDENCE}`, names)).toBe('Approved, valid evidence: “Access review Q1”.');
    expect(explainOperatingReason(`approved evidence: ${EVIDENCE}, ${OTHER}`, names)).toBe('Approved, valid evidence: 2 evidence items.');
  });

  it('says what to do when evidence expired, awaits review or is missing, and keeps a reason it does not recognise', () => {
    expect(explainOperatingReason(`evidence expired: ${OTHER}`)).toBe('The evidence has expired: 1 evidence item. Collect current evidence.');
    expect(explainOperatingReason(`no approved evidence (awaiting review: ${EVIDENCE})`, names)).toBe('No approved evidence yet; awaiting review: “Access review Q1”.');
    expect(explainOperatingReason('no approved evidence')).toBe('No approved evidence yet: collect evidence that the control operates.');
    expect(explainOperatingReason(`superseded by ${OTHER}`)).toBe('superseded by an item');
  });
});

describe('diffValue and fieldList', () => {
  it('writes each field of a version diff in words, and a dash for a field that had no value', () => {
    expect(diffValue('APPLICABILITY', 'applicable', names)).toBe('Applicable');
    expect(diffValue('APPLICABILITY', 'not applicable', names)).toBe('Not applicable');
    expect(diffValue('REASONS', 'LEGAL, BUSINESS', names)).toBe('Legal or regulatory requirement, Business requirement');
    expect(diffValue('REASONS', 'RISK_TREATMENT, SOMETHING_NEW', names)).toBe('Risk treatment, SOMETHING_NEW');
    expect(diffValue('IMPLEMENTATION_STATUS', 'PARTIALLY_IMPLEMENTED', names)).toBe('Partially implemented');
    expect(diffValue('JUSTIFICATION', 'Required by PCI DSS', names)).toBe('Required by PCI DSS');
    expect(diffValue('JUSTIFICATION', null, names)).toBe('—');
    expect(diffValue('OWNERS', '', names)).toBe('—');
  });

  it('names owners in their order without quotes, and counts a list with a record the portal does not know', () => {
    const other = new Map([...names, [OTHER, 'Grace Hopper']]);
    expect(diffValue('OWNERS', `${OTHER}, ${PERSON}`, other)).toBe('Grace Hopper, Ada Lovelace');
    expect(diffValue('RISKS', RISK, names)).toBe('“Cardholder data exposed”');
    expect(diffValue('RISKS', `${RISK}, ${OTHER}`, names)).toBe('2 risks');
    expect(diffValue('POLICIES', OTHER, names)).toBe('1 policy');
    expect(diffValue('EVIDENCE', `${OTHER}, ${RISK}, ${PERSON}`, new Map())).toBe('3 evidence items');
  });

  it('lists changed fields by name', () => {
    expect(fieldList(['APPLICABILITY', 'REASONS', 'IMPLEMENTATION_STATUS'])).toBe('Applicability, Reasons for inclusion, Implementation status');
  });
});

describe('controls', () => {
  it('names a control by id and title, and sorts Annex A ids in catalogue order (A.5.9 before A.5.10)', () => {
    expect(['A.8.1', 'A.5.10', 'A.6.1', 'A.5.9', 'A.5.1'].sort(compareControlIds)).toEqual(['A.5.1', 'A.5.9', 'A.5.10', 'A.6.1', 'A.8.1']);
    expect(compareControlIds('A.5.15', 'A.5.15')).toBe(0);
    expect(controlName({ id: 'A.5.15', title: 'Access control' })).toBe('A.5.15 Access control');
  });
});

describe('nameIds with an upper-case risk id', () => {
  it('uses the portal name of the risk whatever the case of its id', () => {
    const id = '3d7e2c1a-9b8f-4e6d-a5c4-b3a2f1e0d9c8';
    expect(nameIds(`risk ${id.toUpperCase()} (Old title) relies on the control`, new Map([[id, 'Current title']]))).toBe('risk “Current title” relies on the control');
  });
});
