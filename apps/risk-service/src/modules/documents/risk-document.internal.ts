import { Router } from 'express';
import { treatmentDecisions } from '@iso27001/contracts';
import { DocumentContent, documentsRouter, latestOf, ServiceDeps } from '@iso27001/platform';
import { RiskLevelDefinition, ScaleLevel } from '../methodology/methodology.logic';
import { builtInMethodology } from '../methodology/methodology.service';

/*
 * The documents risk-service renders from its own data for the Stage 1 pack (served to evidence-service on
 * `/internal/documents/<name>`): the assessment process (the published methodology, 6.1.2), the treatment process
 * (appetite, options and acceptance, 6.1.3), the assessment results (8.2) and the risk treatment plan with its
 * results (6.1.3, 8.3).
 */

interface MethodologyRow {
  id: string;
  version: number;
  likelihood_scale: ScaleLevel[];
  impact_scale: ScaleLevel[];
  levels: RiskLevelDefinition[];
  matrix: string[][];
  appetite_level: string;
  notes: string | null;
  published_by: string;
  published_at: Date;
}

interface RiskRow {
  id: string;
  title: string;
  status: string;
  unit_id: string | null;
  owner_id: string | null;
  treatment: string | null;
  treatment_rationale: string | null;
  control_ids: string[] | null;
  inherent_level: string | null;
  inherent_likelihood: number | null;
  inherent_impact: number | null;
  residual_level: string | null;
  current_level: string | null;
  needs_acceptance: boolean | null;
  accepted_by: string | null;
  accepted_at: Date | null;
  next_review_on: string | null;
  updated_at: Date;
}

interface ActionRow {
  id: string;
  risk_id: string;
  title: string;
  due_on: string | null;
  status: string;
  updated_at: Date;
}

async function methodology(deps: ServiceDeps, organisationId: string): Promise<MethodologyRow> {
  const [row] = (await deps.dataSource.query(
    `SELECT id, version, likelihood_scale, impact_scale, levels, matrix, appetite_level, notes, published_by, published_at
       FROM risk_methodology WHERE organisation_id = $1 ORDER BY version DESC LIMIT 1`,
    [organisationId],
  )) as MethodologyRow[];
  if (row) return row;
  // No published version yet: the built-in version 1 every organisation starts with is in force.
  const builtIn = builtInMethodology(organisationId);
  return {
    id: builtIn.id,
    version: builtIn.version,
    likelihood_scale: builtIn.likelihood,
    impact_scale: builtIn.impact,
    levels: builtIn.levels,
    matrix: builtIn.matrix,
    appetite_level: builtIn.appetite,
    notes: builtIn.notes,
    published_by: builtIn.publishedBy,
    published_at: builtIn.publishedAt,
  };
}

const scaleLines = (scale: ScaleLevel[]): string[] => [...scale].sort((a, b) => a.value - b.value).map((level) => `• ${level.value} ${level.label}: ${level.description}`);

async function assessmentProcess(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const row = await methodology(deps, organisationId);
  if (!row) return null;
  const likelihood = [...row.likelihood_scale].sort((a, b) => a.value - b.value);
  const impact = [...row.impact_scale].sort((a, b) => a.value - b.value);
  return {
    title: 'Information security risk assessment process',
    subtitle: `ISO/IEC 27001:2022 clause 6.1.2 — risk methodology version ${row.version}`,
    sections: [
      { heading: 'Methodology', fields: [['Version', row.version], ['Published', row.published_at.getTime() > 0 ? `${row.published_at.toISOString()} by ${row.published_by}` : 'the built-in default, in force until the organisation publishes its own'], ['Notes', row.notes]] },
      { heading: 'Likelihood scale', lines: scaleLines(row.likelihood_scale) },
      { heading: 'Impact scale', lines: scaleLines(row.impact_scale) },
      { heading: 'Risk levels', lines: [...row.levels].sort((a, b) => a.rank - b.rank).map((level) => `• ${level.rank} ${level.key} (${level.label}): ${level.description}`) },
      {
        heading: 'Risk matrix (likelihood × impact)',
        lines: likelihood.map((level, i) => `${level.value} ${level.label}: ${impact.map((_, j) => row.matrix[i]?.[j] ?? '?').join(' | ')}`),
      },
      { heading: 'Risk acceptance criteria', lines: [`Risks at or below ${row.appetite_level} are within the risk appetite; higher risks are treated.`] },
    ],
    records: [{ type: 'risk_methodology', id: row.id, version: row.version }],
    dataAsOf: row.published_at,
  };
}

const OPTIONS: Record<(typeof treatmentDecisions)[number], string> = {
  MODIFY: 'reduce the risk with Annex A (or other) controls, which become applicable in the Statement of Applicability with the risk as justification',
  AVOID: 'stop the activity that gives rise to the risk',
  TRANSFER: 'share the risk with another party (insurance, a supplier)',
  ACCEPT: 'retain the risk; acceptance above the appetite needs the risk owner’s recorded acceptance',
};

async function treatmentProcess(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const row = await methodology(deps, organisationId);
  if (!row) return null;
  return {
    title: 'Information security risk treatment process',
    subtitle: `ISO/IEC 27001:2022 clause 6.1.3 — under risk methodology version ${row.version}`,
    sections: [
      { heading: 'Risk appetite', fields: [['Highest level acceptable without treatment', row.appetite_level]] },
      { heading: 'Treatment options', lines: treatmentDecisions.map((option) => `• ${option}: ${OPTIONS[option]}`) },
      {
        heading: 'Process',
        lines: [
          '1. Each assessed risk above the appetite gets a treatment decision with its rationale from its owner.',
          '2. A decision to modify links the Annex A controls that treat it; the Statement of Applicability records them as applicable.',
          '3. Treatment actions with owners and due dates form the risk treatment plan.',
          '4. The residual risk is assessed after treatment; a residual risk above the appetite needs the owner’s acceptance.',
        ],
      },
    ],
    records: [{ type: 'risk_methodology', id: row.id, version: row.version }],
    dataAsOf: row.published_at,
  };
}

function risks(deps: ServiceDeps, organisationId: string): Promise<RiskRow[]> {
  return deps.dataSource.query(
    `SELECT id, title, status, unit_id, owner_id, treatment, treatment_rationale, control_ids, inherent_level, inherent_likelihood, inherent_impact,
            residual_level, current_level, needs_acceptance, accepted_by, accepted_at, next_review_on::text AS next_review_on, updated_at
       FROM risk WHERE organisation_id = $1 ORDER BY title, id`,
    [organisationId],
  ) as Promise<RiskRow[]>;
}

async function assessmentResults(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await risks(deps, organisationId)).filter((row) => row.inherent_level !== null);
  if (rows.length === 0) return null;
  const [{ n }] = (await deps.dataSource.query('SELECT count(*)::int AS n FROM risk_assessment WHERE organisation_id = $1', [organisationId])) as { n: number }[];
  const byLevel = new Map<string, number>();
  for (const row of rows) byLevel.set(row.current_level ?? row.inherent_level ?? '?', (byLevel.get(row.current_level ?? row.inherent_level ?? '?') ?? 0) + 1);
  return {
    title: 'Results of the information security risk assessment',
    subtitle: 'ISO/IEC 27001:2022 clause 8.2',
    sections: [
      { heading: 'Summary', fields: [['Assessed risks', rows.length], ['Assessments recorded', n], ['Risks by current level', [...byLevel].map(([level, count]) => `${level}: ${count}`).join(', ')]] },
      {
        heading: 'Risk register',
        lines: rows.map(
          (row) =>
            `• ${row.title} [${row.status}] inherent ${row.inherent_level} (L${row.inherent_likelihood}×I${row.inherent_impact})` +
            `${row.residual_level ? `, residual ${row.residual_level}` : ''}${row.treatment ? `, treatment ${row.treatment}` : ', untreated'}`,
        ),
      },
    ],
    records: rows.map((row) => ({ type: 'risk', id: row.id, version: row.updated_at.toISOString() })),
    dataAsOf: latestOf(rows.map((row) => row.updated_at)),
  };
}

async function treatmentPlan(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const rows = (await risks(deps, organisationId)).filter((row) => row.treatment !== null);
  if (rows.length === 0) return null;
  const actions = (await deps.dataSource.query(
    `SELECT id, risk_id, title, due_on::text AS due_on, status, updated_at FROM risk_action WHERE organisation_id = $1 ORDER BY due_on NULLS LAST, id`,
    [organisationId],
  )) as ActionRow[];
  return {
    title: 'Risk treatment plan and results',
    subtitle: 'ISO/IEC 27001:2022 clauses 6.1.3 e) and 8.3',
    sections: rows.map((row) => ({
      heading: row.title,
      fields: [
        ['Treatment', `${row.treatment}${row.treatment_rationale ? ` — ${row.treatment_rationale}` : ''}`],
        ['Controls', (row.control_ids ?? []).join(', ')],
        ['Inherent → residual', `${row.inherent_level ?? '?'} → ${row.residual_level ?? 'not yet assessed'}`],
        ['Acceptance', row.accepted_at ? `accepted by ${row.accepted_by ?? 'the owner'} at ${row.accepted_at.toISOString()}` : row.needs_acceptance ? 'awaiting the owner’s acceptance' : ''],
        ['Next review', row.next_review_on],
      ],
      lines: actions.filter((action) => action.risk_id === row.id).map((action) => `• ${action.title}: ${action.status}${action.due_on ? `, due ${action.due_on}` : ''}`),
    })),
    records: [
      ...rows.map((row) => ({ type: 'risk', id: row.id, version: row.updated_at.toISOString() })),
      ...actions.filter((action) => rows.some((row) => row.id === action.risk_id)).map((action) => ({ type: 'risk_action', id: action.id, version: action.updated_at.toISOString() })),
    ],
    dataAsOf: latestOf([...rows.map((row) => row.updated_at), ...actions.map((action) => action.updated_at)]),
  };
}

export function riskDocumentsRouter(deps: ServiceDeps): Router {
  return documentsRouter('risk-service', {
    'risk-assessment-process': (organisationId) => assessmentProcess(deps, organisationId),
    'risk-treatment-process': (organisationId) => treatmentProcess(deps, organisationId),
    'risk-assessment-results': (organisationId) => assessmentResults(deps, organisationId),
    'risk-treatment-plan': (organisationId) => treatmentPlan(deps, organisationId),
  });
}
