import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { TreatmentPlanRow } from './treatment-plan.service';

const fmtScore = (l: number | null, i: number | null, level: string | null) => (l != null && i != null ? `${level} (${l}×${i}=${l * i})` : '');
const fmtActions = (row: TreatmentPlanRow) => row.actions.map((a) => `${a.title} — ${a.ownerName ?? 'unassigned'}, due ${a.dueOn}, ${a.status}`).join('\n');
const fmtAcceptance = (row: TreatmentPlanRow) => (row.acceptedAt ? `${row.acceptedByName ?? 'owner'} on ${row.acceptedAt.toISOString().slice(0, 10)}` : row.needsAcceptance ? 'NEEDS ACCEPTANCE' : '');

export const TREATMENT_PLAN_COLUMNS = ['Risk', 'Owner', 'Inherent', 'Treatment', 'Rationale', 'Annex A controls', 'Planned actions', 'Residual', 'Acceptance', 'Next review', 'Status'];

export function treatmentPlanCells(row: TreatmentPlanRow): string[] {
  return [
    row.title,
    row.ownerName ?? '',
    fmtScore(row.inherentLikelihood, row.inherentImpact, row.inherentLevel),
    row.treatment,
    row.rationale ?? '',
    row.controlIds.join(', '),
    fmtActions(row),
    fmtScore(row.residualLikelihood, row.residualImpact, row.residualLevel),
    fmtAcceptance(row),
    row.nextReviewOn ?? '',
    row.status,
  ];
}

/** The Risk Treatment Plan as an XLSX workbook (one row per treated risk). */
export async function treatmentPlanXlsx(rows: TreatmentPlanRow[], generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('Risk Treatment Plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TREATMENT_PLAN_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: [40, 22, 18, 12, 40, 20, 50, 18, 24, 12, 10][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(treatmentPlanCells(row));
    added.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TREATMENT_PLAN_COLUMNS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The Risk Treatment Plan as a PDF: one block per treated risk, A4 landscape. */
export function treatmentPlanPdf(rows: TreatmentPlanRow[], generatedAt: Date): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, info: { Title: 'Risk Treatment Plan', CreationDate: generatedAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text('Risk Treatment Plan (ISO/IEC 27001:2022, 6.1.3)');
    doc.fontSize(9).fillColor('#555').text(`Generated ${generatedAt.toISOString()} — ${rows.length} treated risks`).fillColor('#000').moveDown();
    for (const row of rows) {
      const cells = treatmentPlanCells(row);
      doc.fontSize(11).font('Helvetica-Bold').text(row.title);
      doc.font('Helvetica').fontSize(9);
      TREATMENT_PLAN_COLUMNS.slice(1).forEach((label, i) => {
        const value = cells[i + 1];
        if (value) doc.text(`${label}: ${value}`);
      });
      doc.moveDown(0.6);
    }
    doc.end();
  });
}
