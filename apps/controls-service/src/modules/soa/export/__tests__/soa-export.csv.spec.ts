import { parse } from 'csv-parse/sync';
import { ANNEX_A } from '@iso27001/iso27001';
import { undecided } from '../../soa-version.diff';
import { buildSoaCsv, csvCell } from '../soa-export.csv';
import { EXPORT_COLUMNS, toExportRows } from '../soa-export.rows';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "no"\nnow')).toBe('"say ""no""\nnow"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes a header and one line per control that csv-parse reads back', () => {
    const entries = ANNEX_A.map((control) => undecided(control.id));
    Object.assign(entries[0]!, { applicable: true, reasons: ['LEGAL', 'BUSINESS'], justification: 'Law, "strictly"\nand business' });
    const csv = buildSoaCsv({
      meta: { organisationId: 'o', versionNumber: null, note: null, approvedBy: null, approvedAt: null, scopeId: null, scopeVersion: null, generatedAt: new Date() },
      rows: toExportRows(entries, new Map(), new Map()),
    });
    const records: string[][] = parse(csv, { bom: true });
    expect(records).toHaveLength(94);
    expect(records[0]).toEqual([...EXPORT_COLUMNS]);
    expect(records[1]!.slice(0, 6)).toEqual(['A.5.1', 'Policies for information security', 'ORGANIZATIONAL', 'Yes', 'LEGAL; BUSINESS', 'Law, "strictly"\nand business']);
    expect(records[93]![0]).toBe('A.8.34');
  });
});
