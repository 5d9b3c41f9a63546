import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One data row of an uploaded file: its row number as the user sees it (header = row 1) and its cells by column. */
export interface ParsedRow {
  rowNumber: number;
  values: Record<string, string>;
}

export interface ParsedTable {
  format: 'CSV' | 'XLSX';
  headers: string[];
  rows: ParsedRow[];
}

/** The whole file is unusable (not CSV/XLSX, unreadable, no header): the job fails and nothing is written. */
export class ImportFileError extends Error {}

const ALIASES: Record<string, string> = {
  e_mail: 'email',
  email_address: 'email',
  full_name: 'name',
  externalid: 'external_id',
  external_id: 'external_id',
  manager: 'manager_email',
  manager_e_mail: 'manager_email',
  jobrole: 'job_role',
  parent_unit: 'parent',
  unit_kind: 'kind',
  department: 'unit',
};

/** `External ID` -> `external_id`; a few common spellings map to the documented column names. */
export function normaliseHeader(header: string): string {
  const key = header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s\-.]+/g, '_');
  return ALIASES[key] ?? key;
}

function isZip(content: Buffer): boolean {
  return content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04;
}

function extension(fileName: string): string {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return match ? (match[1] as string).toLowerCase() : '';
}

/** Reads a CSV or XLSX upload into header + rows. Throws ImportFileError with a message for the user. */
export async function parseImportFile(fileName: string, content: Buffer): Promise<ParsedTable> {
  const ext = extension(fileName);
  if (ext === 'xlsx' || (ext !== 'csv' && isZip(content))) {
    if (!isZip(content)) throw new ImportFileError(`"${fileName}" is not a valid XLSX workbook (an .xlsx file is a zip archive; this one is not)`);
    return parseXlsx(fileName, content);
  }
  if (ext === 'csv' || ext === 'txt') return parseCsv(fileName, content);
  throw new ImportFileError(`"${fileName}" is not a CSV or XLSX file: upload a .csv or .xlsx file`);
}

function tableFrom(format: ParsedTable['format'], fileName: string, records: string[][], firstRowNumber: (index: number) => number): ParsedTable {
  const headerRow = records[0];
  if (!headerRow || headerRow.every((cell) => cell.trim() === '')) throw new ImportFileError(`"${fileName}" has no header row: the first row must name the columns`);
  const headers = headerRow.map(normaliseHeader);
  const duplicate = headers.find((h, i) => h !== '' && headers.indexOf(h) !== i);
  if (duplicate) throw new ImportFileError(`"${fileName}" names the column "${duplicate}" twice`);
  const rows: ParsedRow[] = [];
  for (let i = 1; i < records.length; i += 1) {
    const record = records[i] as string[];
    if (record.every((cell) => cell.trim() === '')) continue;
    const values: Record<string, string> = {};
    headers.forEach((header, column) => {
      if (header) values[header] = (record[column] ?? '').trim();
    });
    rows.push({ rowNumber: firstRowNumber(i), values });
  }
  return { format, headers: headers.filter((h) => h !== ''), rows };
}

function parseCsv(fileName: string, content: Buffer): ParsedTable {
  if (content.includes(0)) throw new ImportFileError(`"${fileName}" is not a text CSV file (it contains binary data)`);
  const text = content.toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    throw new ImportFileError(`"${fileName}" is not valid CSV: ${(error as Error).message}`);
  }
  // csv-parse keeps empty lines as [''], so index + 1 is the line number (for files without multi-line cells).
  return tableFrom('CSV', fileName, records, (index) => index + 1);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks: e-mail addresses often are
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function parseXlsx(fileName: string, content: Buffer): Promise<ParsedTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new ImportFileError(`"${fileName}" could not be read as an XLSX workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError(`"${fileName}" has no worksheet`);
  const records: string[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
    records.push(cells);
    rowNumbers.push(rowNumber);
  });
  return tableFrom('XLSX', fileName, records, (index) => rowNumbers[index] as number);
}
