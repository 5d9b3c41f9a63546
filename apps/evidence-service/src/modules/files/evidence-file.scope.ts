import { DataSource } from 'typeorm';
import { Access, Claims, coversUnit, grantPeriod, hasAnyRole, INTERNAL_READERS, Role, withinGrantPeriod } from '@iso27001/authz';
import { EvidenceFileEntity } from './evidence-file.entity';
import { EvidenceFileError } from './evidence-file.errors';

/*
 * Who uploads and who downloads evidence files.
 * - Uploading is collecting evidence: control owners, risk owners, programme managers (ISMS manager, admin) and
 *   service accounts (collectors), into a unit they reach; only an organisation-wide role may leave the unit empty.
 *   Employees, executives, internal and external auditors never upload.
 * - Downloading: the uploader; an internal reader whose reach covers the file's unit (organisation-wide roles all);
 *   an external auditor only a file of the grant's units uploaded within the grant's period; and anyone who may read
 *   an evidence item one of whose versions references the file (`evidence_version.file_id`). Everyone else is told
 *   the file does not exist (404), never that it is someone else's.
 */

/** Roles that may upload evidence files. */
export const FILE_UPLOADERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.ControlOwner, Role.RiskOwner, Role.ServiceAccount];

/** Refuses an upload by a role that does not collect evidence (before any byte is read). */
export function assertMayUpload(claims: Claims): void {
  if (claims.roles.includes(Role.ExternalAuditor)) throw new EvidenceFileError('FORBIDDEN', 'external auditors do not upload evidence files: ask the engagement for evidence through a request');
  if (!hasAnyRole(claims, FILE_UPLOADERS)) {
    throw new EvidenceFileError('FORBIDDEN', `uploading evidence files needs one of the roles ${FILE_UPLOADERS.join(', ')}; you have ${claims.roles.join(', ') || 'none'}`);
  }
}

/** Refuses an upload into a unit the caller does not reach (nothing is stored). */
export function assertMayUploadInto(access: Access, unitId: string | null): void {
  if (coversUnit(access, unitId)) return;
  throw new EvidenceFileError(
    'OUT_OF_SCOPE',
    unitId ? `unit ${unitId} is not one of your units: upload evidence for your own units` : 'unitId is required: only an organisation-wide role may upload a file without a unit',
  );
}

/** Whether the caller may read the file by the file's own row (uploader, unit, grant). */
function mayReadDirectly(claims: Claims, access: Access, file: EvidenceFileEntity): boolean {
  if (grantPeriod(claims)) return !!file.unitId && coversUnit(access, file.unitId) && withinGrantPeriod(claims, file.uploadedAt);
  if (file.uploadedBy === claims.sub) return true;
  return hasAnyRole(claims, INTERNAL_READERS) && coversUnit(access, file.unitId);
}

/** The evidence items whose versions reference a file, with what the item scope needs (empty before versions exist). */
async function referencingItems(dataSource: DataSource, file: EvidenceFileEntity): Promise<{ unitId: string | null; status: string; start: string; end: string }[]> {
  const [{ present }] = (await dataSource.query(`SELECT to_regclass('evidence_version') IS NOT NULL AS present`)) as { present: boolean }[];
  if (!present) return [];
  return (await dataSource.query(
    `SELECT DISTINCT i.unit_id AS "unitId", i.status,
            coalesce(i.period_start, i.effective_date)::text AS start,
            coalesce(i.period_end, i.period_start, i.effective_date)::text AS "end"
       FROM evidence_version v JOIN evidence_item i ON i.id = v.evidence_id
      WHERE v.file_id = $1 AND i.organisation_id = $2`,
    [file.id, file.organisationId],
  )) as { unitId: string | null; status: string; start: string; end: string }[];
}

/**
 * Whether the caller may read (download, or see by `evidenceFile`) the file: by the file's own row, or through an
 * evidence item that references it and that the caller may read (the evidence items' own rule: unit reach; for an
 * external auditor accepted evidence of the grant's units whose covered span overlaps the grant's period).
 */
export async function mayReadFile(dataSource: DataSource, claims: Claims, access: Access, file: EvidenceFileEntity): Promise<boolean> {
  if (file.organisationId !== claims.organisationId) return false;
  if (mayReadDirectly(claims, access, file)) return true;
  const period = grantPeriod(claims);
  if (!period && !hasAnyRole(claims, INTERNAL_READERS)) return false;
  for (const item of await referencingItems(dataSource, file)) {
    if (!period && coversUnit(access, item.unitId)) return true;
    if (period && item.unitId && access.unitIds.includes(item.unitId.toLowerCase()) && ['APPROVED', 'EXPIRED'].includes(item.status) && item.start <= period.end && item.end >= period.start) return true;
  }
  return false;
}
