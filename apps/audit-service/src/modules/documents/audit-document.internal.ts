import { Router } from 'express';
import { DocumentContent, documentsRouter, latestOf, ServiceDeps } from '@iso27001/platform';

/*
 * The documents audit-service renders from its own data for the Stage 1 pack (served to evidence-service on
 * `/internal/documents/<name>`): the audit programmes and their results (9.2.2), the nonconformities with their
 * corrective actions (10.2), the results of remediation (10.2: actions checked effective), and the latest
 * signed-off management review (9.3.3).
 */

interface EngagementRow {
  id: string;
  title: string;
  type: string;
  status: string;
  starts_on: string;
  ends_on: string;
  lead_auditor: string;
  clauses: string[];
  control_ids: string[];
  updated_at: Date;
  majors: number;
  minors: number;
  observations: number;
  opportunities: number;
}

interface NonconformityRow {
  id: string;
  severity: string;
  description: string;
  control_id: string | null;
  clause: string | null;
  status: string;
  engagement: string;
  raised_on: string;
  updated_at: Date;
  action_id: string | null;
  action_status: string | null;
  due_on: string | null;
  correction: string | null;
  root_cause: string | null;
  action_plan: string | null;
  completion_note: string | null;
  effectiveness_note: string | null;
  checked_on: string | null;
  action_updated_at: Date | null;
}

const SEVERITY: Record<string, string> = { MAJOR_NONCONFORMITY: 'Major nonconformity', MINOR_NONCONFORMITY: 'Minor nonconformity' };
const against = (row: { control_id: string | null; clause: string | null }) => row.control_id ?? (row.clause ? `clause ${row.clause}` : 'the management system');

async function programmeResults(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await deps.dataSource.query(
    `SELECT e.id, e.title, e.type, e.status, e.starts_on::text, e.ends_on::text, e.lead_auditor, e.clauses, e.control_ids, e.updated_at,
            count(f.id) FILTER (WHERE f.severity = 'MAJOR_NONCONFORMITY')::int AS majors,
            count(f.id) FILTER (WHERE f.severity = 'MINOR_NONCONFORMITY')::int AS minors,
            count(f.id) FILTER (WHERE f.severity = 'OBSERVATION')::int AS observations,
            count(f.id) FILTER (WHERE f.severity = 'OPPORTUNITY')::int AS opportunities
       FROM engagement e LEFT JOIN finding f ON f.organisation_id = e.organisation_id AND f.engagement_id = e.id
      WHERE e.organisation_id = $1 GROUP BY e.id ORDER BY e.starts_on, e.id`,
    [organisationId],
  )) as EngagementRow[];
  if (rows.length === 0) return null;
  return {
    title: 'Audit programmes and results',
    subtitle: 'ISO/IEC 27001:2022 clause 9.2.2 — each audit with its criteria, auditors and findings',
    sections: rows.map((row) => ({
      heading: `${row.title} (${row.type.toLowerCase().replace('_', ' ')}, ${row.starts_on} to ${row.ends_on}, ${row.status.toLowerCase().replace('_', ' ')})`,
      fields: [
        ['Lead auditor', row.lead_auditor],
        ['Clauses audited', row.clauses.length ? row.clauses.join(', ') : 'not recorded'],
        ['Controls audited', row.control_ids.length ? row.control_ids.join(', ') : 'not recorded'],
        ['Findings', `${row.majors} major, ${row.minors} minor nonconformities; ${row.observations} observations; ${row.opportunities} opportunities for improvement`],
      ],
    })),
    records: rows.map((row) => ({ type: 'engagement', id: row.id, version: row.updated_at.toISOString() })),
    dataAsOf: latestOf(rows.map((row) => row.updated_at)),
  };
}

function nonconformityRows(deps: ServiceDeps, organisationId: string, onlyEffective: boolean): Promise<NonconformityRow[]> {
  return deps.dataSource.query(
    `SELECT f.id, f.severity, f.description, f.control_id, f.clause, f.status, e.title AS engagement, (f.created_at AT TIME ZONE 'UTC')::date::text AS raised_on, f.updated_at,
            c.id AS action_id, c.status AS action_status, c.due_on::text, c.correction, c.root_cause, c.action_plan, c.completion_note, c.effectiveness_note,
            (c.effectiveness_checked_at AT TIME ZONE 'UTC')::date::text AS checked_on, c.updated_at AS action_updated_at
       FROM finding f JOIN engagement e ON e.id = f.engagement_id
       LEFT JOIN corrective_action c ON c.organisation_id = f.organisation_id AND c.finding_id = f.id
      WHERE f.organisation_id = $1 AND f.severity IN ('MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY') ${onlyEffective ? "AND c.status = 'EFFECTIVE'" : ''}
      ORDER BY f.created_at, f.id`,
    [organisationId],
  ) as Promise<NonconformityRow[]>;
}

const recordsOf = (rows: NonconformityRow[]) => [
  ...rows.map((row) => ({ type: 'finding', id: row.id, version: row.updated_at.toISOString() })),
  ...rows.filter((row) => row.action_id && row.action_updated_at).map((row) => ({ type: 'corrective_action', id: row.action_id!, version: row.action_updated_at!.toISOString() })),
];

async function nonconformities(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = await nonconformityRows(deps, organisationId, false);
  if (rows.length === 0) return null;
  return {
    title: 'Nonconformities and corrective actions',
    subtitle: 'ISO/IEC 27001:2022 clause 10.2 — each nonconformity, its correction, root cause and action',
    sections: rows.map((row) => ({
      heading: `${SEVERITY[row.severity]} against ${against(row)} (${row.engagement}, raised ${row.raised_on}, ${row.status.toLowerCase()})`,
      fields: [
        ['Nonconformity', row.description],
        ['Correction', row.correction ?? 'not planned yet'],
        ['Root cause', row.root_cause ?? 'not planned yet'],
        ['Action', row.action_plan ?? 'not planned yet'],
        ['Corrective action', row.action_status ? `${row.action_status.toLowerCase().replace('_', ' ')}, due ${row.due_on}` : 'none'],
      ],
    })),
    records: recordsOf(rows),
    dataAsOf: latestOf(rows.flatMap((row) => [row.updated_at, row.action_updated_at])),
  };
}

async function remediationResults(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = await nonconformityRows(deps, organisationId, true);
  if (rows.length === 0) return null;
  return {
    title: 'Results of remediation',
    subtitle: 'ISO/IEC 27001:2022 clause 10.2 — corrective actions an independent auditor found effective',
    sections: rows.map((row) => ({
      heading: `${SEVERITY[row.severity]} against ${against(row)} (${row.engagement})`,
      fields: [
        ['What was done', row.completion_note ?? ''],
        ['Effectiveness check', `${row.effectiveness_note ?? ''} (checked ${row.checked_on})`],
        ['Finding', row.status === 'CLOSED' ? 'closed' : 'open: awaiting closure by the auditor'],
      ],
    })),
    records: recordsOf(rows),
    dataAsOf: latestOf(rows.flatMap((row) => [row.updated_at, row.action_updated_at])),
  };
}

async function managementReviewResults(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const [review] = (await deps.dataSource.query(
    `SELECT id, title, held_on::text, decisions, notes, inputs, signed_off_by_name, signed_off_at, updated_at FROM management_review
      WHERE organisation_id = $1 AND status = 'SIGNED_OFF' ORDER BY held_on DESC, signed_off_at DESC LIMIT 1`,
    [organisationId],
  )) as { id: string; title: string; held_on: string; decisions: string[]; notes: string | null; inputs: Record<string, Record<string, unknown>>; signed_off_by_name: string | null; signed_off_at: Date; updated_at: Date }[];
  if (!review) return null;
  const actions = (await deps.dataSource.query(
    `SELECT a.description, a.due_on::text, a.done_at, coalesce(p.name, 'unknown person') AS owner FROM management_review_action a
       LEFT JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.owner_person_id
      WHERE a.review_id = $1 ORDER BY a.due_on, a.id`,
    [review.id],
  )) as { description: string; due_on: string; done_at: Date | null; owner: string }[];
  const flat = (group: Record<string, unknown> | undefined) => Object.entries(group ?? {}).map(([name, value]) => `${name}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`).join('; ');
  return {
    title: `Management review: ${review.title}`,
    subtitle: `ISO/IEC 27001:2022 clause 9.3 — held ${review.held_on}, signed off by ${review.signed_off_by_name ?? 'top management'} on ${review.signed_off_at.toISOString().slice(0, 10)}`,
    sections: [
      {
        heading: 'Inputs gathered by the platform',
        fields: Object.keys(review.inputs ?? {}).map((name) => [name, flat(review.inputs[name])] as [string, string]),
      },
      { heading: 'Decisions', lines: review.decisions.map((decision) => `• ${decision}`) },
      { heading: 'Actions', lines: actions.length ? actions.map((action) => `• ${action.description} (${action.owner}, due ${action.due_on}${action.done_at ? ', done' : ''})`) : ['none'] },
      ...(review.notes ? [{ heading: 'Notes', lines: [review.notes] }] : []),
    ],
    records: [{ type: 'management_review', id: review.id, version: review.updated_at.toISOString() }],
    dataAsOf: latestOf([review.updated_at]),
  };
}

export function auditDocumentsRouter(deps: ServiceDeps): Router {
  return documentsRouter('audit-service', {
    'audit-programme-results': (organisationId) => programmeResults(deps, organisationId),
    nonconformities: (organisationId) => nonconformities(deps, organisationId),
    'remediation-results': (organisationId) => remediationResults(deps, organisationId),
    'management-review-results': (organisationId) => managementReviewResults(deps, organisationId),
  });
}
