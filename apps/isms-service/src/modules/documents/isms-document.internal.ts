import { Router } from 'express';
import { DocumentContent, documentsRouter, latestOf, ServiceDeps } from '@iso27001/platform';

/*
 * The documents isms-service renders from its own data for the Stage 1 pack (served to evidence-service on
 * `/internal/documents/<name>`): the approved ISMS scope (clause 4.3), the information security objectives (6.2),
 * their measurements as monitoring results (9.1) and top management's commitments (5.1).
 */

interface ScopeRow {
  id: string;
  version: number;
  statement: string;
  in_scope_unit_ids: string[];
  locations: string[];
  systems: string[];
  interfaces: string[];
  exclusions: { item: string; justification: string }[];
  approved_by_name: string | null;
  approved_by_sub: string | null;
  approved_at: Date;
}

interface ObjectiveRow {
  id: string;
  title: string;
  description: string | null;
  metric: string | null;
  target_value: string | null;
  unit: string | null;
  direction: string | null;
  due_date: string | null;
  status: string;
  updated_at: Date;
}

interface MeasurementRow {
  id: string;
  objective_id: string;
  value: string;
  measured_at: Date | string;
  note: string | null;
  created_at: Date;
}

async function scopeDocument(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const [scope] = (await deps.dataSource.query(
    `SELECT id, version, statement, in_scope_unit_ids, locations, systems, interfaces, exclusions, approved_by_name, approved_by_sub, approved_at
       FROM isms_scope WHERE organisation_id = $1 AND status = 'APPROVED' ORDER BY version DESC LIMIT 1`,
    [organisationId],
  )) as ScopeRow[];
  if (!scope) return null;
  const units = (await deps.dataSource.query('SELECT id, name FROM org_unit WHERE organisation_id = $1 AND id = ANY($2::uuid[]) ORDER BY name, id', [
    organisationId,
    scope.in_scope_unit_ids,
  ])) as { id: string; name: string }[];
  return {
    title: 'ISMS scope',
    subtitle: `ISO/IEC 27001:2022 clause 4.3 — approved version ${scope.version}`,
    sections: [
      { heading: 'Approval', fields: [['Version', scope.version], ['Approved at', scope.approved_at.toISOString()], ['Approved by', scope.approved_by_name ?? scope.approved_by_sub]] },
      { heading: 'Scope statement', lines: [scope.statement || '(no statement)'] },
      { heading: `Organisation units in scope (${units.length})`, lines: units.map((unit) => `• ${unit.name} (${unit.id})`) },
      { heading: 'Locations', lines: scope.locations.map((entry) => `• ${entry}`) },
      { heading: 'Systems', lines: scope.systems.map((entry) => `• ${entry}`) },
      { heading: 'Interfaces and dependencies', lines: scope.interfaces.map((entry) => `• ${entry}`) },
      { heading: 'Exclusions', lines: scope.exclusions.map((entry) => `• ${entry.item}: ${entry.justification}`) },
    ],
    records: [{ type: 'isms_scope', id: scope.id, version: scope.version }],
    dataAsOf: scope.approved_at,
  };
}

function objectives(deps: ServiceDeps, organisationId: string): Promise<ObjectiveRow[]> {
  return deps.dataSource.query(
    `SELECT id, title, description, metric, target_value, unit, direction, due_date::text AS due_date, status, updated_at
       FROM objective WHERE organisation_id = $1 ORDER BY title, id`,
    [organisationId],
  ) as Promise<ObjectiveRow[]>;
}

function objectiveLine(objective: ObjectiveRow): string {
  const target = objective.target_value !== null ? `target ${objective.direction ? `${objective.direction.toLowerCase()} ` : ''}${objective.target_value}${objective.unit ? ` ${objective.unit}` : ''}` : 'no target';
  return `${objective.metric ?? 'no metric'}, ${target}${objective.due_date ? `, due ${objective.due_date}` : ''}; ${objective.status}`;
}

async function objectivesDocument(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = await objectives(deps, organisationId);
  if (rows.length === 0) return null;
  return {
    title: 'Information security objectives',
    subtitle: 'ISO/IEC 27001:2022 clause 6.2',
    sections: rows.map((row) => ({ heading: row.title, lines: [objectiveLine(row), ...(row.description ? [row.description] : [])] })),
    records: rows.map((row) => ({ type: 'objective', id: row.id, version: row.updated_at.toISOString() })),
    dataAsOf: latestOf(rows.map((row) => row.updated_at)),
  };
}

async function monitoringDocument(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = await objectives(deps, organisationId);
  const measurements = (await deps.dataSource.query(
    `SELECT id, objective_id, value::text AS value, measured_at, note, created_at FROM objective_measurement WHERE organisation_id = $1 ORDER BY measured_at, id`,
    [organisationId],
  )) as MeasurementRow[];
  if (measurements.length === 0) return null;
  return {
    title: 'Monitoring and measurement results',
    subtitle: 'ISO/IEC 27001:2022 clause 9.1 — measurements of the information security objectives',
    sections: rows.map((row) => {
      const own = measurements.filter((measurement) => measurement.objective_id === row.id);
      return {
        heading: row.title,
        lines: [objectiveLine(row), ...(own.length ? own.map((m) => `• ${new Date(m.measured_at).toISOString().slice(0, 10)}: ${m.value}${row.unit ? ` ${row.unit}` : ''}${m.note ? ` — ${m.note}` : ''}`) : ['• no measurement yet'])],
      };
    }),
    records: [
      ...rows.map((row) => ({ type: 'objective', id: row.id, version: row.updated_at.toISOString() })),
      ...measurements.map((m) => ({ type: 'objective_measurement', id: m.id, version: m.created_at.toISOString() })),
    ],
    dataAsOf: latestOf([...rows.map((row) => row.updated_at), ...measurements.map((m) => m.created_at)]),
  };
}

async function commitmentsDocument(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await deps.dataSource.query(
    `SELECT c.id, c.decision, c.decided_on::text AS decided_on, c.recorded_by_name, c.created_at, p.name AS sponsor
       FROM management_commitment c LEFT JOIN person p ON p.id = c.sponsor_person_id
      WHERE c.organisation_id = $1 ORDER BY c.decided_on, c.id`,
    [organisationId],
  )) as { id: string; decision: string; decided_on: string; recorded_by_name: string | null; created_at: Date; sponsor: string | null }[];
  if (rows.length === 0) return null;
  return {
    title: 'Leadership and management commitments',
    subtitle: 'ISO/IEC 27001:2022 clause 5.1',
    sections: [{ heading: `Decisions (${rows.length})`, lines: rows.map((row) => `• ${row.decided_on}: ${row.decision}${row.sponsor ? ` (sponsor ${row.sponsor})` : ''}`) }],
    records: rows.map((row) => ({ type: 'management_commitment', id: row.id, version: row.created_at.toISOString() })),
    dataAsOf: latestOf(rows.map((row) => row.created_at)),
  };
}

export function ismsDocumentsRouter(deps: ServiceDeps): Router {
  return documentsRouter('isms-service', {
    'isms-scope': (organisationId) => scopeDocument(deps, organisationId),
    'information-security-objectives': (organisationId) => objectivesDocument(deps, organisationId),
    'monitoring-results': (organisationId) => monitoringDocument(deps, organisationId),
    'management-commitments': (organisationId) => commitmentsDocument(deps, organisationId),
  });
}
