import { EXPORT_COLUMNS, rowCells, SoaExportDocument } from './soa-export.rows';

/** A cell as RFC 4180 text; cells that a spreadsheet would run as a formula are prefixed with an apostrophe. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line per control (header first), CRLF line ends, UTF-8 with a BOM so spreadsheets detect the encoding. */
export function buildSoaCsv(document: SoaExportDocument): Buffer {
  const lines = [EXPORT_COLUMNS.map(csvCell).join(','), ...document.rows.map((row) => rowCells(row).map(csvCell).join(','))];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
