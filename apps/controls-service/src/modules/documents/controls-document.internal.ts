import { Router } from 'express';
import { ANNEX_A } from '@iso27001/iso27001';
import { DocumentContent, documentsRouter, latestOf, ServiceDeps } from '@iso27001/platform';
import { SoaSnapshotEntry } from '../soa/soa-version.entity';

/*
 * The documents controls-service renders from its own data for the Stage 1 pack (served to evidence-service on
 * `/internal/documents/<name>`): the latest approved Statement of Applicability (6.1.3 d), the information security
 * policy (5.2, A.5.1) and the topic-specific policies (A.5.1), each in its published version.
 */

interface SoaVersionRow {
  number: number;
  note: string;
  scope_id: string | null;
  scope_version: number | null;
  approved_by_name: string | null;
  approved_by: string;
  approved_at: Date;
  entries: SoaSnapshotEntry[];
}

interface PolicyRow {
  id: string;
  title: string;
  control_ids: string[];
  review_due_on: string | null;
  version_id: string;
  major: number;
  minor: number;
  change_summary: string | null;
  body: string | null;
  file_name: string | null;
  published_at: Date | null;
  updated_at: Date;
}

const titles = new Map(ANNEX_A.map((control) => [control.id, control.title]));

async function soaDocument(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const [row] = (await deps.dataSource.query(
    `SELECT number, note, scope_id, scope_version, approved_by_name, approved_by, approved_at, entries
       FROM soa_version WHERE organisation_id = $1 ORDER BY number DESC LIMIT 1`,
    [organisationId],
  )) as SoaVersionRow[];
  if (!row) return null;
  const applicable = row.entries.filter((entry) => entry.applicable);
  return {
    title: 'Statement of Applicability',
    subtitle: `ISO/IEC 27001:2022 clause 6.1.3 d) — version ${row.number}`,
    sections: [
      {
        heading: 'Version',
        fields: [
          ['Version', `${row.number}${row.note ? ` — ${row.note}` : ''}`],
          ['Approved', `${row.approved_at.toISOString()} by ${row.approved_by_name ?? row.approved_by}`],
          ['ISMS scope', row.scope_id ? `${row.scope_id} (version ${row.scope_version})` : ''],
          ['Applicable controls', `${applicable.length} of ${row.entries.length}`],
        ],
      },
      {
        heading: 'Controls',
        lines: row.entries.map(
          (entry) =>
            `• ${entry.controlId} ${titles.get(entry.controlId) ?? ''}: ${entry.applicable ? 'applicable' : 'not applicable'}, ${entry.implementationStatus}` +
            `${entry.reasons.length ? `; reasons ${entry.reasons.join(', ')}` : ''}${entry.justification ? `; ${entry.justification}` : ''}`,
        ),
      },
    ],
    records: [{ type: 'soa_version', id: `${organisationId}:${row.number}`, version: row.number }],
    dataAsOf: row.approved_at,
  };
}

function publishedPolicies(deps: ServiceDeps, organisationId: string): Promise<PolicyRow[]> {
  return deps.dataSource.query(
    `SELECT p.id, p.title, p.control_ids, p.review_due_on::text AS review_due_on, v.id AS version_id, v.major, v.minor, v.change_summary, v.body, v.file_name, v.published_at, p.updated_at
       FROM policy p JOIN policy_version v ON v.id = p.published_version_id
      WHERE p.organisation_id = $1 AND p.retired_at IS NULL ORDER BY p.title, p.id`,
    [organisationId],
  ) as Promise<PolicyRow[]>;
}

/** The information security policy (clause 5.2): the published policy so titled, else the first one serving A.5.1. */
function isTopLevel(policy: PolicyRow, all: PolicyRow[]): boolean {
  const named = all.find((candidate) => /information security policy/i.test(candidate.title));
  return policy === (named ?? all.find((candidate) => candidate.control_ids.includes('A.5.1')));
}

function policyContent(title: string, subtitle: string, policies: PolicyRow[]): DocumentContent {
  return {
    title,
    subtitle,
    sections: policies.map((policy) => ({
      heading: `${policy.title} — version ${policy.major}.${policy.minor}`,
      fields: [
        ['Published', policy.published_at?.toISOString()],
        ['Next review due', policy.review_due_on],
        ['Controls', policy.control_ids.join(', ')],
        ['Change', policy.change_summary],
        ['Attached document', policy.file_name],
      ],
      lines: policy.body ? [policy.body] : [],
    })),
    records: policies.map((policy) => ({ type: 'policy_version', id: policy.version_id, version: `${policy.major}.${policy.minor}` })),
    dataAsOf: latestOf(policies.map((policy) => policy.published_at ?? policy.updated_at)),
  };
}

async function securityPolicy(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const all = await publishedPolicies(deps, organisationId);
  const policy = all.find((candidate) => isTopLevel(candidate, all));
  return policy ? policyContent('Information security policy', 'ISO/IEC 27001:2022 clause 5.2 and control A.5.1', [policy]) : null;
}

async function topicPolicies(deps: ServiceDeps, organisationId: string): Promise<DocumentContent | null> {
  const all = await publishedPolicies(deps, organisationId);
  const topics = all.filter((candidate) => !isTopLevel(candidate, all));
  return topics.length ? policyContent('Topic-specific information security policies', 'ISO/IEC 27001:2022 control A.5.1', topics) : null;
}

export function controlsDocumentsRouter(deps: ServiceDeps): Router {
  return documentsRouter('controls-service', {
    'statement-of-applicability': (organisationId) => soaDocument(deps, organisationId),
    'information-security-policy': (organisationId) => securityPolicy(deps, organisationId),
    'topic-specific-policies': (organisationId) => topicPolicies(deps, organisationId),
  });
}
