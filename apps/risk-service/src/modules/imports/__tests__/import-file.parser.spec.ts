import ExcelJS from 'exceljs';
import { MalformedFile, parseCsv, parseXlsx } from '../import-file.parser';

const required = ['title', 'inherent_likelihood', 'inherent_impact'];

describe('import file parsing', () => {
  it('reads a CSV with normalised headers, skips blank lines and numbers rows as in the file', () => {
    const csv = Buffer.from('\uFEFFTitle,Inherent Likelihood,inherent-impact,Owner Email\n"Phishing, targeted",3,4,a@b.example\n,,,\nLaptop theft,2,2,\n');
    const parsed = parseCsv(csv, required);
    expect(parsed.headers).toEqual(['title', 'inherent_likelihood', 'inherent_impact', 'owner_email']);
    expect(parsed.rows).toEqual([
      { line: 2, values: { title: 'Phishing, targeted', inherent_likelihood: '3', inherent_impact: '4', owner_email: 'a@b.example' } },
      { line: 4, values: { title: 'Laptop theft', inherent_likelihood: '2', inherent_impact: '2', owner_email: '' } },
    ]);
  });

  it('refuses malformed files as a whole', () => {
    expect(() => parseCsv(Buffer.from('title,inherent_likelihood\nX,1\n'), required)).toThrow('the header lacks required columns: inherent_impact');
    expect(() => parseCsv(Buffer.from('title,inherent_likelihood,inherent_impact\n"unterminated,1,2\n'), required)).toThrow(MalformedFile);
    expect(() => parseCsv(Buffer.from('title,inherent_likelihood,inherent_impact\nA,1\n'), required)).toThrow(/the CSV cannot be read/);
    expect(() => parseCsv(Buffer.from('title,inherent_likelihood,inherent_impact\n'), required)).toThrow('the file has a header but no data rows');
    expect(() => parseCsv(Buffer.from('title,title,inherent_likelihood,inherent_impact\nA,B,1,1\n'), required)).toThrow('the header repeats columns: title');
    expect(() => parseCsv(Buffer.from('title,inherent_likelihood,inherent_impact\nA,1,1\nRansom\u0000ware,2,2\n'), required)).toThrow(
      'row 3, column title: a cell holds a NUL byte, which cannot be stored; the file may be binary or damaged',
    );
  });

  it('reads the first worksheet of an XLSX and refuses what is not a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Risks');
    sheet.addRow(['Title', 'Inherent likelihood', 'Inherent impact', 'Next review on']);
    sheet.addRow(['Ransomware', 4, 5, new Date('2026-03-01T00:00:00Z')]);
    const parsed = await parseXlsx(Buffer.from(await workbook.xlsx.writeBuffer()), required);
    expect(parsed.rows).toEqual([{ line: 2, values: { title: 'Ransomware', inherent_likelihood: '4', inherent_impact: '5', next_review_on: '2026-03-01' } }]);
    await expect(parseXlsx(Buffer.from('not a zip at all'), required)).rejects.toThrow(/the XLSX workbook cannot be read/);
  });
});
