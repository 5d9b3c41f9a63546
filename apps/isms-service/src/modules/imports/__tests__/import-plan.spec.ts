import ExcelJS from 'exceljs';
import { ImportFileError, parseImportFile } from '../import-file.parser';
import { headerProblem, PersonState, planPeopleImport, planUnitsImport, UnitNode } from '../import-plan';

let counter = 0;
const newId = () => `new-${(counter += 1)}`;
const table = (headers: string[], rows: string[][]) => ({
  headers,
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, values: Object.fromEntries(headers.map((h, c) => [h, cells[c] ?? ''])) })),
});

const units: UnitNode[] = [
  { id: 'u-bank', name: 'Retail Banking', kind: 'BUSINESS_UNIT', parentId: null, externalId: 'RB', active: true },
  { id: 'u-pay', name: 'Payments', kind: 'DEPARTMENT', parentId: 'u-bank', externalId: null, active: true },
  { id: 'u-corp', name: 'Corporate Banking', kind: 'BUSINESS_UNIT', parentId: null, externalId: null, active: true },
  { id: 'u-pay2', name: 'Payments', kind: 'DEPARTMENT', parentId: 'u-corp', externalId: null, active: true },
  { id: 'u-old', name: 'Legacy', kind: 'TEAM', parentId: null, externalId: null, active: false },
];
const ada: PersonState = { id: 'p-ada', email: 'ada@bank.test', name: 'Ada', externalId: 'E1', unitId: 'u-bank', managerId: null, jobRole: 'CISO', active: true };
const PEOPLE = ['email', 'name', 'external_id', 'unit', 'manager_email', 'job_role', 'active'];

describe('people import planning', () => {
  it('validates each row and reports row number, column and message; other rows still go in', () => {
    const plan = planPeopleImport(
      table(PEOPLE, [
        ['not-an-email', 'X', '', '', '', '', ''],
        ['b@bank.test', '', '', '', '', '', ''],
        ['c@bank.test', 'C', '', 'Nowhere', '', '', ''],
        ['d@bank.test', 'D', '', 'Payments', '', '', ''],
        ['e@bank.test', 'E', '', 'Legacy', '', '', 'maybe'],
        ['f@bank.test', 'F', '', 'Retail Banking/Payments', '', '', 'no'],
      ]),
      [],
      units,
      newId,
    );
    expect(plan.errors).toEqual([
      { rowNumber: 2, column: 'email', message: '"not-an-email" is not a valid e-mail address' },
      { rowNumber: 3, column: 'name', message: 'name is required' },
      { rowNumber: 4, column: 'unit', message: 'no unit with external id, path or name "Nowhere"' },
      { rowNumber: 5, column: 'unit', message: expect.stringContaining('ambiguous (Retail Banking/Payments, Corporate Banking/Payments)') },
      { rowNumber: 6, column: 'active', message: 'active must be yes/no, true/false or 1/0, not "maybe"' },
      { rowNumber: 6, column: 'unit', message: 'unit "Legacy" is deactivated' },
    ]);
    expect(plan.failed).toBe(5);
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]?.state).toMatchObject({ email: 'f@bank.test', unitId: 'u-pay', active: false });
  });

  it('resolves managers that appear later in the file and writes managers first', () => {
    const plan = planPeopleImport(
      table(PEOPLE, [
        ['dev@bank.test', 'Dev', '', 'RB', 'lead@bank.test', '', ''],
        ['lead@bank.test', 'Lead', '', 'RB', 'ada@bank.test', '', ''],
      ]),
      [ada],
      units,
      newId,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.writes.map((w) => w.state.email)).toEqual(['lead@bank.test', 'dev@bank.test']);
    const lead = plan.writes[0]?.state as PersonState;
    expect(lead.managerId).toBe('p-ada');
    expect(plan.writes[1]?.state.managerId).toBe(lead.id);
  });

  it('refuses unknown managers and reporting cycles, and the rows that depend on them', () => {
    const plan = planPeopleImport(
      table(PEOPLE, [
        ['a@bank.test', 'A', '', '', 'b@bank.test', '', ''],
        ['b@bank.test', 'B', '', '', 'a@bank.test', '', ''],
        ['c@bank.test', 'C', '', '', 'ghost@bank.test', '', ''],
        ['d@bank.test', 'D', '', '', 'c@bank.test', '', ''],
        ['ada@bank.test', 'Ada', 'E1', '', 'e@bank.test', 'CISO', ''],
        ['e@bank.test', 'E', '', '', 'ada@bank.test', '', ''],
      ]),
      [ada],
      units,
      newId,
    );
    const byRow = (row: number) => plan.errors.filter((e) => e.rowNumber === row).map((e) => e.message);
    expect(byRow(2)[0]).toMatch(/reporting line would form a cycle: a@bank.test -> b@bank.test -> a@bank.test/);
    expect(byRow(3)[0]).toMatch(/cycle/);
    expect(byRow(4)).toEqual(['no person with e-mail ghost@bank.test in this file or in the organisation']);
    expect(byRow(5)).toEqual(['manager c@bank.test (row 4) could not be imported']);
    expect(byRow(6)[0]).toMatch(/cycle/);
    expect(plan.writes).toEqual([]);
  });

  it('upserts by external id, else by e-mail, and counts unchanged rows without writing them', () => {
    const bob: PersonState = { id: 'p-bob', email: 'bob@bank.test', name: 'Bob', externalId: null, unitId: null, managerId: null, jobRole: null, active: true };
    const plan = planPeopleImport(
      table(['email', 'name', 'external_id', 'job_role'], [
        ['ada.new@bank.test', 'Ada', 'E1', 'CISO'],
        ['BOB@bank.test', 'Bob', '', ''],
        ['bob@bank.test', 'Bob again', '', ''],
      ]),
      [ada, bob],
      units,
      newId,
    );
    expect(plan.writes).toEqual([{ rowNumber: 2, isNew: false, state: { ...ada, email: 'ada.new@bank.test' } }]);
    expect(plan.unchanged).toBe(1);
    expect(plan.errors).toEqual([{ rowNumber: 4, column: 'email', message: 'e-mail bob@bank.test also appears in row 3; each person may appear once per file' }]);
  });

  it('leaves columns that are not in the file as they are', () => {
    const plan = planPeopleImport(table(['email', 'name'], [['ada@bank.test', 'Ada Lovelace']]), [ada], units, newId);
    expect(plan.writes[0]?.state).toEqual({ ...ada, name: 'Ada Lovelace' });
  });

  it('names missing required columns', () => {
    expect(headerProblem('PEOPLE', ['name', 'unit'])).toMatch(/missing required column "email" \(found: "name", "unit"\)/);
    expect(headerProblem('PEOPLE', ['email', 'name'])).toBeNull();
  });
});

describe('units import planning', () => {
  it('creates a hierarchy whose parents come later in the file, parents first', () => {
    const plan = planUnitsImport(
      table(['external_id', 'name', 'kind', 'parent'], [
        ['T1', 'Cards Team', 'TEAM', 'D1'],
        ['D1', 'Cards', 'DEPARTMENT', 'RB'],
        ['', 'Fraud', 'department', 'Cards'],
      ]),
      units,
      newId,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.writes.map((w) => w.state.name)).toEqual(['Cards', 'Cards Team', 'Fraud']);
    const cards = plan.writes[0]?.state as UnitNode;
    expect(cards.parentId).toBe('u-bank');
    expect(plan.writes[1]?.state.parentId).toBe(cards.id);
    expect(plan.writes[2]?.state).toMatchObject({ kind: 'DEPARTMENT', parentId: cards.id });
  });

  it('refuses cycles (in the file and through existing units), unknown kinds and missing kinds', () => {
    const plan = planUnitsImport(
      table(['external_id', 'name', 'kind', 'parent'], [
        ['X', 'X', 'TEAM', 'Y'],
        ['Y', 'Y', 'TEAM', 'X'],
        ['RB', 'Retail Banking', '', 'Retail Banking/Payments'],
        ['', 'Z', 'SQUAD', ''],
        ['', 'W', '', ''],
      ]),
      units,
      newId,
    );
    const messages = plan.errors.map((e) => `${e.rowNumber}:${e.column}:${e.message}`);
    expect(messages).toEqual([
      '2:parent:the parent references in this file form a cycle',
      '3:parent:the parent references in this file form a cycle',
      '4:parent:the hierarchy would form a cycle: Retail Banking -> Payments -> Retail Banking',
      '5:kind:kind must be one of BUSINESS_UNIT, DEPARTMENT, TEAM, not "SQUAD"',
      '6:kind:kind is required for a new unit (one of BUSINESS_UNIT, DEPARTMENT, TEAM)',
    ]);
    expect(plan.writes).toEqual([]);
  });

  it('matches by name under the same parent when there is no external id', () => {
    const plan = planUnitsImport(table(['name', 'kind', 'parent'], [['Payments', 'TEAM', 'Corporate Banking']]), units, newId);
    expect(plan.writes).toEqual([{ rowNumber: 2, isNew: false, state: { ...units[3], kind: 'TEAM' } }]);
  });
});

describe('reading files', () => {
  it('reads CSV (comma or semicolon) and XLSX, with row numbers as the user sees them', async () => {
    const csv = await parseImportFile('people.csv', Buffer.from('Email;Name\n\na@b.test;A\n'));
    expect(csv.headers).toEqual(['email', 'name']);
    expect(csv.rows).toEqual([{ rowNumber: 3, values: { email: 'a@b.test', name: 'A' } }]);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['email', 'name', 'active']);
    sheet.addRow([{ text: 'a@b.test', hyperlink: 'mailto:a@b.test' }, 'A', true]);
    const xlsx = await parseImportFile('people.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(xlsx.rows).toEqual([{ rowNumber: 2, values: { email: 'a@b.test', name: 'A', active: 'true' } }]);
  });

  it('fails the whole file when it is not CSV or XLSX', async () => {
    await expect(parseImportFile('people.pdf', Buffer.from('%PDF-1.7'))).rejects.toThrow(new ImportFileError('"people.pdf" is not a CSV or XLSX file: upload a .csv or .xlsx file'));
    await expect(parseImportFile('people.xlsx', Buffer.from('email,name'))).rejects.toThrow(/not a valid XLSX workbook/);
  });
});
