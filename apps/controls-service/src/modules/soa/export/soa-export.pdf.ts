import PDFDocument from 'pdfkit';
import { exportStem, SoaExportDocument, SoaExportRow } from './soa-export.rows';

const MARGIN = 40;

function line(doc: PDFKit.PDFDocument, label: string, value: string): void {
  if (!value) return;
  doc.font('Helvetica-Bold').fontSize(8).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
}

function entry(doc: PDFKit.PDFDocument, row: SoaExportRow): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text(`${row.controlId}  ${row.title}`);
  doc.font('Helvetica').fontSize(8).fillColor(row.applicable ? '#0a5c2b' : '#8a1c1c');
  doc.text(`${row.applicable ? 'Applicable' : 'Not applicable'} · ${row.theme} · ${row.implementationStatus}${row.operatingStatus ? ` · ${row.operatingStatus}` : ''}`);
  doc.fillColor('#000');
  line(doc, 'Reasons', row.reasons.join(', '));
  line(doc, row.applicable ? 'Justification' : 'Justification for exclusion', row.justification ?? '');
  line(doc, 'Owners', row.ownerIds.join(', '));
  line(doc, 'Linked risks', row.riskIds.join(', '));
  line(doc, 'Policies', row.policyIds.join(', '));
  line(doc, 'Evidence', row.evidenceIds.join(', '));
  line(doc, 'Attributes', row.attributesText);
  if (row.implementations.length > 0) {
    doc.font('Helvetica-Bold').fontSize(8).text(`Implemented in ${row.implementations.length} unit(s):`);
    doc.font('Helvetica').fontSize(7);
    // One text run for all units of the control (pdfkit breaks pages inside it): far cheaper than a call per line.
    const lines = row.implementations.map((implementation) => {
      const tested = implementation.lastTestedOn ? `, last tested ${implementation.lastTestedOn}` : '';
      const frequency = implementation.testFrequency ? `, tested ${implementation.testFrequency.toLowerCase()}` : '';
      return `• unit ${implementation.unitId}: ${implementation.status}, maturity ${implementation.maturity}/5${frequency}${tested}${implementation.description ? ` — ${implementation.description}` : ''}`;
    });
    doc.text(lines.join('\n'), { indent: 10 });
  }
}

/** The SoA as a PDF auditors can read and file: a cover block with version and approval, then one block per control. */
export function buildSoaPdf(document: SoaExportDocument): Promise<Buffer> {
  const { meta, rows } = document;
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, bufferPages: false, info: { Title: `Statement of Applicability ${exportStem(meta)}`, Creator: 'ISO 27001 compliance platform' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text('Statement of Applicability');
  doc.font('Helvetica').fontSize(9).text('ISO/IEC 27001:2022, Annex A');
  doc.moveDown(0.5);
  line(doc, 'Version', meta.versionNumber !== null ? `${meta.versionNumber}${meta.note ? ` — ${meta.note}` : ''}` : 'live (not published)');
  line(doc, 'Approved', meta.approvedAt ? `${meta.approvedAt.toISOString()} by ${meta.approvedBy ?? 'unknown'}` : '');
  line(doc, 'ISMS scope', meta.scopeId ? `${meta.scopeId} (version ${meta.scopeVersion})` : '');
  line(doc, 'Applicable controls', `${rows.filter((row) => row.applicable).length} of ${rows.length}`);
  line(doc, 'Generated', meta.generatedAt.toISOString());
  for (const row of rows) entry(doc, row);
  doc.end();
  return done;
}
