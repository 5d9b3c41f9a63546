import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export const MAX_IMPORT_ROWS = 50_000;

export class MalformedFile extends Error {}

export interface ParsedFile {
  /** Lower-case, trimmed header names. */
  headers: string[];
  /** Data rows (after the header) as header → trimmed text; `line` is the row number in the file (header = 1). */
  rows: { line: number; values: Record<string, string> }[];
}

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

function build(matrix: string[][], required: readonly string[]): ParsedFile {
  const [header, ...data] = matrix;
  if (!header || header.every((h) => !h.trim())) throw new MalformedFile('the file has no header row');
  const headers = header.map(normalise);
  const duplicates = headers.filter((h, i) => h && headers.indexOf(h) !== i);
  if (duplicates.length > 0) throw new MalformedFile(`the header repeats columns: ${[...new Set(duplicates)].join(', ')}`);
  const missing = required.filter((column) => !headers.includes(column));
  if (missing.length > 0) throw new MalformedFile(`the header lacks required columns: ${missing.join(', ')} (found: ${headers.filter(Boolean).join(', ')})`);
  const rows = data
    .map((cells, index) => ({ line: index + 2, values: Object.fromEntries(headers.map((h, i) => [h, (cells[i] ?? '').trim()])) }))
    .filter((row) => Object.values(row.values).some((v) => v !== ''));
  // PostgreSQL cannot store a NUL byte: the file is refused as a whole, naming the first cell that holds one.
  for (const row of rows) {
    const column = Object.keys(row.values).find((key) => row.values[key]?.includes('\u0000'));
    if (column !== undefined) throw new MalformedFile(`row ${row.line}, column ${column || '(unnamed)'}: a cell holds a NUL byte, which cannot be stored; the file may be binary or damaged`);
  }
  if (rows.length === 0) throw new MalformedFile('the file has a header but no data rows');
  if (rows.length > MAX_IMPORT_ROWS) throw new MalformedFile(`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} are imported at once`);
  return { headers, rows };
}

export function parseCsv(content: Buffer, required: readonly string[]): ParsedFile {
  let matrix: string[][];
  try {
    matrix = parse(content, { bom: true, relax_column_count: false, skip_empty_lines: true, trim: false }) as string[][];
  } catch (error) {
    throw new MalformedFile(`the CSV cannot be read: ${(error as Error).message}`);
  }
  return build(matrix, required);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

export async function parseXlsx(content: Buffer, required: readonly string[]): Promise<ParsedFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw new MalformedFile(`the XLSX workbook cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new MalformedFile('the XLSX workbook has no worksheet');
  const width = sheet.columnCount;
  const matrix: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    matrix.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return build(matrix, required);
}
