import { Router } from 'express';
import { DocumentContent, documentsRouter, latestOf, ServiceDeps } from '@iso27001/platform';

/*
 * The documents training-service renders from its own data for the Stage 1 pack (served to evidence-service on
 * `/internal/documents/<name>`): competence records (role-based training completed, 7.2), the awareness programme and
 * its results (7.3, A.6.3) and the policy acknowledgement report (A.5.1).
 */

interface CourseTally {
  id: string;
  title: string;
  kind: string;
  updated_at: Date;
  assigned: number;
  completed: number;
  overdue: number;
  last_change: Date | null;
}

interface CompletionRow {
  id: string;
  person: string;
  course: string;
  completed_at: Date;
  updated_at: Date;
}

function tallies(deps: ServiceDeps, organisationId: string, kinds: string[]): Promise<CourseTally[]> {
  return deps.dataSource.query(
    `SELECT c.id, c.title, c.kind, c.updated_at,
            count(a.id)::int AS assigned,
            count(a.id) FILTER (WHERE a.status = 'COMPLETED')::int AS completed,
            count(a.id) FILTER (WHERE a.status = 'OVERDUE')::int AS overdue,
            max(a.updated_at) AS last_change
       FROM course c LEFT JOIN assignment a ON a.organisation_id = c.organisation_id AND a.course_id = c.id
      WHERE c.organisation_id = $1 AND c.kind = ANY($2::text[])
      GROUP BY c.id ORDER BY c.title, c.id`,
    [organisationId, kinds],
  ) as Promise<CourseTally[]>;
}

const rate = (done: number, of: number): string => (of === 0 ? 'n/a' : `${Math.round((done / of) * 1000) / 10} %`);

async function competenceRecords(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await deps.dataSource.query(
    `SELECT a.id, p.name AS person, c.title AS course, a.completed_at, a.updated_at
       FROM assignment a JOIN course c ON c.organisation_id = a.organisation_id AND c.id = a.course_id
       JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.person_id
      WHERE a.organisation_id = $1 AND a.status = 'COMPLETED' ORDER BY p.name, c.title, a.id`,
    [organisationId],
  )) as CompletionRow[];
  if (rows.length === 0) return null;
  return {
    title: 'Training and competence records',
    subtitle: 'ISO/IEC 27001:2022 clause 7.2 — completed training per person',
    sections: [{ heading: `Completed training (${rows.length})`, lines: rows.map((row) => `• ${row.person}: ${row.course}, completed ${row.completed_at.toISOString().slice(0, 10)}`) }],
    records: rows.map((row) => ({ type: 'assignment', id: row.id, version: row.updated_at.toISOString() })),
    dataAsOf: latestOf(rows.map((row) => row.updated_at)),
  };
}

async function awarenessResults(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const courses = await tallies(deps, organisationId, ['AWARENESS', 'POLICY']);
  if (courses.every((course) => course.assigned === 0)) return null;
  const assigned = courses.reduce((sum, course) => sum + course.assigned, 0);
  const completed = courses.reduce((sum, course) => sum + course.completed, 0);
  return {
    title: 'Security awareness training programme and results',
    subtitle: 'ISO/IEC 27001:2022 clause 7.3 and control A.6.3',
    sections: [
      { heading: 'Programme totals', fields: [['Courses', courses.length], ['Assignments', assigned], ['Completed', completed], ['Completion rate', rate(completed, assigned)]] },
      { heading: 'Per course', lines: courses.map((course) => `• ${course.title} (${course.kind}): ${course.completed}/${course.assigned} completed (${rate(course.completed, course.assigned)}), ${course.overdue} overdue`) },
    ],
    records: courses.map((course) => ({ type: 'course', id: course.id, version: latestOf([course.updated_at, course.last_change]).toISOString() })),
    dataAsOf: latestOf(courses.flatMap((course) => [course.updated_at, course.last_change])),
  };
}

async function acknowledgements(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await deps.dataSource.query(
    `SELECT version_id, max(policy_title) AS title, max(version) AS version,
            count(*)::int AS due, count(*) FILTER (WHERE status = 'ACKNOWLEDGED')::int AS acknowledged, max(updated_at) AS updated_at
       FROM policy_acknowledgement WHERE organisation_id = $1 AND superseded_at IS NULL
      GROUP BY version_id ORDER BY max(policy_title), version_id`,
    [organisationId],
  )) as { version_id: string; title: string; version: string; due: number; acknowledged: number; updated_at: Date }[];
  if (rows.length === 0) return null;
  return {
    title: 'Policy acknowledgement report',
    subtitle: 'ISO/IEC 27001:2022 control A.5.1 — policies communicated to and acknowledged by the people they concern',
    sections: [{ heading: 'Current policy versions', lines: rows.map((row) => `• ${row.title} ${row.version}: ${row.acknowledged}/${row.due} acknowledged (${rate(row.acknowledged, row.due)})`) }],
    records: rows.map((row) => ({ type: 'policy_version', id: row.version_id, version: row.version })),
    dataAsOf: latestOf(rows.map((row) => row.updated_at)),
  };
}

export function trainingDocumentsRouter(deps: ServiceDeps): Router {
  return documentsRouter('training-service', {
    'competence-records': (organisationId) => competenceRecords(deps, organisationId),
    'awareness-results': (organisationId) => awarenessResults(deps, organisationId),
    'policy-acknowledgements': (organisationId) => acknowledgements(deps, organisationId),
  });
}
