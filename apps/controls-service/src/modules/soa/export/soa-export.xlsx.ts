import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { EXPORT_COLUMNS, rowCells, SoaExportDocument } from './soa-export.rows';

const WIDTHS = [10, 48, 16, 11, 28, 60, 24, 20, 40, 40, 40, 40, 12, 60];

/**
 * Sheet 1 "Statement of Applicability": one row per control with the columns auditors expect;
 * sheet 2 "Implementations": one row per control and unit; sheet 3 "About": version, approval, scope.
 */
export async function buildSoaXlsx(document: SoaExportDocument): Promise<Buffer> {
  const { meta, rows } = document;
  // The streaming writer commits each row as it goes (no whole-workbook model in memory): rows × units stays cheap.
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'ISO 27001 compliance platform';
  workbook.created = meta.generatedAt;

  const soa = workbook.addWorksheet('Statement of Applicability', { views: [{ state: 'frozen', ySplit: 1 }] });
  soa.columns = EXPORT_COLUMNS.map((header, index) => ({ header, key: `c${index}`, width: WIDTHS[index] }));
  soa.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = soa.addRow(rowCells(row));
    added.alignment = { vertical: 'top', wrapText: true };
    added.commit();
  }
  soa.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };
  soa.commit();

  const implementations = workbook.addWorksheet('Implementations', { views: [{ state: 'frozen', ySplit: 1 }] });
  implementations.columns = [
    { header: 'Control', key: 'control', width: 10 },
    { header: 'Unit', key: 'unit', width: 38 },
    { header: 'Owner', key: 'owner', width: 38 },
    { header: 'Status', key: 'status', width: 24 },
    { header: 'Maturity (0-5)', key: 'maturity', width: 14 },
    { header: 'How it is done', key: 'description', width: 60 },
    { header: 'Test procedure', key: 'testProcedure', width: 40 },
    { header: 'Test frequency', key: 'testFrequency', width: 16 },
    { header: 'Last tested on', key: 'lastTestedOn', width: 14 },
  ];
  implementations.getRow(1).font = { bold: true };
  for (const row of rows) {
    for (const implementation of row.implementations) {
      implementations.addRow({
        control: row.controlId,
        unit: implementation.unitId,
        owner: implementation.ownerId ?? '',
        status: implementation.status,
        maturity: implementation.maturity,
        description: implementation.description,
        testProcedure: implementation.testProcedure ?? '',
        testFrequency: implementation.testFrequency ?? '',
        lastTestedOn: implementation.lastTestedOn ?? '',
      }).commit();
    }
  }
  implementations.commit();

  const about = workbook.addWorksheet('About');
  about.columns = [
    { header: 'Field', key: 'field', width: 24 },
    { header: 'Value', key: 'value', width: 60 },
  ];
  about.getRow(1).font = { bold: true };
  const facts = [
    { field: 'Document', value: 'Statement of Applicability (ISO/IEC 27001:2022, Annex A)' },
    { field: 'Version', value: meta.versionNumber !== null ? String(meta.versionNumber) : 'live (not published)' },
    { field: 'Note', value: meta.note ?? '' },
    { field: 'Approved by', value: meta.approvedBy ?? '' },
    { field: 'Approved at', value: meta.approvedAt?.toISOString() ?? '' },
    { field: 'ISMS scope', value: meta.scopeId ? `${meta.scopeId} (version ${meta.scopeVersion})` : '' },
    { field: 'Applicable controls', value: String(rows.filter((row) => row.applicable).length) },
    { field: 'Generated at', value: meta.generatedAt.toISOString() },
  ];
  for (const fact of facts) about.addRow(fact).commit();
  about.commit();

  await workbook.commit();
  return Buffer.concat(chunks);
}
