import PDFDocument from 'pdfkit';
import { Access, Claims, grantPeriodCondition } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { traineeCondition } from '../people/person.scope';
import { CertificateFacts, verificationId } from './certificate.rules';

/**
 * Completion certificates. Who may fetch one is the assignments' own rule (person.scope.ts): the person themself,
 * the owners of their unit, organisation-wide roles; an external auditor only for completions within the grant's
 * observation period.
 */
export class CertificateService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The facts of a completed assignment the caller may see, or null (unknown, not completed, or out of reach: one answer for all). */
  async facts(claims: Claims, access: Access, assignmentId: string): Promise<CertificateFacts | null> {
    const query = this.deps.dataSource
      .createQueryBuilder()
      .select(['a.id AS "assignmentId"', 'a.person_id AS "personId"', 'p.name AS "personName"', 'a.course_id AS "courseId"', 'c.title AS "courseTitle"'])
      .addSelect('COALESCE(a.course_version, c.current_version)', 'courseVersion')
      .addSelect('a.score', 'score')
      .addSelect('a.completed_at', 'completedAt')
      .from('assignment', 'a')
      .innerJoin('course', 'c', 'c.organisation_id = a.organisation_id AND c.id = a.course_id')
      .innerJoin('person_replica', 'p', 'p.organisation_id = a.organisation_id AND p.person_id = a.person_id')
      .where("a.organisation_id = :organisationId AND a.id = :assignmentId AND a.status = 'COMPLETED'", { organisationId: claims.organisationId, assignmentId });
    const reach = traineeCondition(access, { person: 'a.person_id', unit: 'p.unit_id' });
    if (reach) query.andWhere(reach.sql, reach.parameters);
    const period = grantPeriodCondition(claims, "(a.completed_at AT TIME ZONE 'UTC')::date", 'date');
    if (period) query.andWhere(period.sql, period.parameters);
    const row = (await query.getRawOne()) as CertificateFacts | undefined;
    return row ? { ...row, courseVersion: Number(row.courseVersion), completedAt: new Date(row.completedAt) } : null;
  }

  /** The certificate as a PDF (A4 landscape); the same facts give the same bytes (fixed metadata dates). */
  render(facts: CertificateFacts): Promise<Buffer> {
    const doc = new PDFDocument({
      size: 'A4',
      layout: 'landscape',
      margin: 56,
      info: { Title: `Certificate: ${facts.courseTitle}`, Creator: 'ISO 27001 compliance platform', CreationDate: facts.completedAt, ModDate: facts.completedAt },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const width = doc.page.width - 112;
    doc.rect(28, 28, doc.page.width - 56, doc.page.height - 56).lineWidth(2).stroke('#1c7ed6');
    doc.moveDown(2).font('Helvetica-Bold').fontSize(30).fillColor('#1c3d5a').text('Certificate of completion', { align: 'center', width });
    doc.moveDown(1.2).font('Helvetica').fontSize(14).fillColor('#333333').text('This certifies that', { align: 'center', width });
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(24).text(facts.personName, { align: 'center', width });
    doc.moveDown(0.5).font('Helvetica').fontSize(14).text('has completed the course', { align: 'center', width });
    doc.moveDown(0.5).font('Helvetica-Bold').fontSize(20).text(`${facts.courseTitle} (version ${facts.courseVersion})`, { align: 'center', width });
    doc.moveDown(1).font('Helvetica').fontSize(13);
    doc.text(`Completed on ${facts.completedAt.toISOString().slice(0, 10)}${facts.score !== null ? ` with a score of ${facts.score} %` : ''}`, { align: 'center', width });
    doc.moveDown(3).fontSize(9).fillColor('#666666');
    doc.text(`Verification id: ${verificationId(facts)}`, { align: 'center', width });
    doc.text(`Assignment ${facts.assignmentId}`, { align: 'center', width });
    doc.end();
    return done;
  }
}
