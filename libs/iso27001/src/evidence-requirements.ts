import { ANNEX_A } from './annex-a';

/** How often a requirement asks for fresh evidence. */
export type EvidenceFrequency = 'ONCE' | 'MONTHLY' | 'QUARTERLY' | 'YEARLY';

export const EVIDENCE_FREQUENCIES: readonly EvidenceFrequency[] = Object.freeze(['ONCE', 'MONTHLY', 'QUARTERLY', 'YEARLY']);

/** One piece of evidence a control needs, as the platform proposes it before an organisation edits its own set. */
export interface DefaultEvidenceRequirement {
  /** Stable key within the default set (`A.5.15-access-review`): seeding uses it so a re-seed adds nothing twice. */
  key: string;
  controlId: string;
  title: string;
  frequency: EvidenceFrequency;
}

/*
 * Our own wording of what an auditor typically asks to see for each Annex A control of ISO/IEC 27001:2022, and how
 * often it goes stale. No text of the standard is reproduced. Documents that change rarely are YEARLY (reviewed and
 * re-approved); operational records are MONTHLY or QUARTERLY; one-off artefacts are ONCE.
 */
const rows: [controlId: string, slug: string, title: string, frequency: EvidenceFrequency][] = [
  ['A.5.1', 'policy-set', 'Approved information security policy and topic-specific policies, with the record of their annual review', 'YEARLY'],
  ['A.5.2', 'roles', 'Register of information security roles and responsibilities, with named holders', 'YEARLY'],
  ['A.5.3', 'sod-matrix', 'Segregation-of-duties matrix for conflicting roles, with the exceptions and their compensating controls', 'YEARLY'],
  ['A.5.4', 'management-briefing', 'Records of management directing staff to apply security policies (briefings, signed commitments)', 'YEARLY'],
  ['A.5.5', 'authority-contacts', 'Current list of authorities to contact (regulators, law enforcement, data protection authority) and when', 'YEARLY'],
  ['A.5.6', 'interest-groups', 'Memberships of security forums and interest groups, with what was learned from them', 'YEARLY'],
  ['A.5.7', 'threat-intelligence', 'Threat intelligence reports received and the actions taken on them', 'QUARTERLY'],
  ['A.5.8', 'project-security', 'Security risk assessments and requirements recorded for projects started in the period', 'QUARTERLY'],
  ['A.5.9', 'asset-inventory', 'Reviewed inventory of information and associated assets, each with its owner', 'QUARTERLY'],
  ['A.5.10', 'acceptable-use', 'Acceptable use rules and the acknowledgements of staff who handle information', 'YEARLY'],
  ['A.5.11', 'asset-return', 'Asset return checklists signed for leavers in the period', 'QUARTERLY'],
  ['A.5.12', 'classification-scheme', 'Approved information classification scheme', 'YEARLY'],
  ['A.5.13', 'labelling', 'Labelling procedure and samples of labelled documents and systems', 'YEARLY'],
  ['A.5.14', 'transfer-agreements', 'Information transfer rules and the agreements in force with the parties data is exchanged with', 'YEARLY'],
  ['A.5.15', 'access-policy', 'Access control policy', 'YEARLY'],
  ['A.5.15', 'access-review', 'Quarterly access review records: accounts reviewed, findings and the removals made', 'QUARTERLY'],
  ['A.5.16', 'identity-lifecycle', 'Joiner, mover and leaver records showing identities created, changed and disabled on time', 'MONTHLY'],
  ['A.5.17', 'authentication-rules', 'Password and authentication-information rules, and the configuration that enforces them', 'YEARLY'],
  ['A.5.18', 'access-rights', 'Approved access requests and revocations for the period', 'QUARTERLY'],
  ['A.5.19', 'supplier-register', 'Supplier register with the security risk assessment of each critical supplier', 'YEARLY'],
  ['A.5.20', 'supplier-clauses', 'Security clauses in supplier agreements signed or renewed in the period', 'YEARLY'],
  ['A.5.21', 'ict-supply-chain', 'ICT supply-chain requirements and the assurance obtained from key ICT suppliers', 'YEARLY'],
  ['A.5.22', 'supplier-monitoring', 'Supplier service reviews and security performance reports', 'QUARTERLY'],
  ['A.5.23', 'cloud-services', 'Register of cloud services in use with their security assessment and exit plans', 'YEARLY'],
  ['A.5.24', 'incident-plan', 'Incident management plan with roles, escalation and contact details', 'YEARLY'],
  ['A.5.25', 'event-triage', 'Log of security events assessed and the decision whether each is an incident', 'MONTHLY'],
  ['A.5.26', 'incident-records', 'Incident tickets with the response taken and their closure', 'MONTHLY'],
  ['A.5.27', 'lessons-learned', 'Post-incident reviews and the improvements they led to', 'QUARTERLY'],
  ['A.5.28', 'evidence-handling', 'Procedure for collecting and preserving evidence, and chain-of-custody records where used', 'YEARLY'],
  ['A.5.29', 'disruption-plan', 'Plan for keeping security in place during disruption, and the result of its last test', 'YEARLY'],
  ['A.5.30', 'ict-continuity', 'ICT continuity plans and the report of the last recovery exercise', 'YEARLY'],
  ['A.5.31', 'legal-register', 'Register of legal, statutory, regulatory and contractual requirements, with its review', 'YEARLY'],
  ['A.5.32', 'licences', 'Software licence inventory reconciled against installations', 'YEARLY'],
  ['A.5.33', 'records-retention', 'Retention schedule for records and proof of its application (disposals, holds)', 'YEARLY'],
  ['A.5.34', 'privacy-records', 'Records of processing activities and the data protection impact assessments done in the period', 'YEARLY'],
  ['A.5.35', 'independent-review', 'Report of the independent review of information security and the actions from it', 'YEARLY'],
  ['A.5.36', 'compliance-checks', 'Results of checks that policies and standards are followed, with the follow-up of deviations', 'QUARTERLY'],
  ['A.5.37', 'operating-procedures', 'Documented operating procedures, each with its owner and last review date', 'YEARLY'],
  ['A.6.1', 'screening', 'Background screening records for people who joined in the period', 'QUARTERLY'],
  ['A.6.2', 'employment-terms', 'Signed employment contracts or terms naming information security responsibilities', 'QUARTERLY'],
  ['A.6.3', 'awareness-training', 'Security awareness training completion records and the training content of the period', 'QUARTERLY'],
  ['A.6.4', 'disciplinary-process', 'Disciplinary process for security breaches, communicated to staff', 'YEARLY'],
  ['A.6.5', 'leaver-duties', 'Leaver records showing that continuing confidentiality duties were communicated', 'QUARTERLY'],
  ['A.6.6', 'nda-register', 'Register of confidentiality agreements signed by staff and third parties', 'YEARLY'],
  ['A.6.7', 'remote-working', 'Remote working rules and the acknowledgements of remote workers', 'YEARLY'],
  ['A.6.8', 'event-reporting', 'Reporting channel for security events and the reports received in the period', 'QUARTERLY'],
  ['A.7.1', 'perimeters', 'Site plans showing the physical security perimeters and the secure areas', 'YEARLY'],
  ['A.7.2', 'entry-logs', 'Physical entry logs and badge access reviews for secure areas', 'MONTHLY'],
  ['A.7.3', 'office-security', 'Inspection record of offices, rooms and facilities against the physical security rules', 'YEARLY'],
  ['A.7.4', 'physical-monitoring', 'CCTV and intrusion alarm monitoring records, with the alarms followed up', 'MONTHLY'],
  ['A.7.5', 'environmental-threats', 'Assessment of physical and environmental threats, and the maintenance records of the protections', 'YEARLY'],
  ['A.7.6', 'secure-areas', 'Rules for working in secure areas and the visitor escort records', 'QUARTERLY'],
  ['A.7.7', 'clear-desk', 'Clear desk and clear screen checks with their results', 'QUARTERLY'],
  ['A.7.8', 'equipment-siting', 'Record of where critical equipment is sited and how it is protected', 'YEARLY'],
  ['A.7.9', 'off-site-assets', 'Register of assets used off-site and the rules for protecting them', 'YEARLY'],
  ['A.7.10', 'storage-media', 'Storage media register with transfer and disposal records', 'QUARTERLY'],
  ['A.7.11', 'utilities', 'UPS, generator and cooling maintenance and test records', 'QUARTERLY'],
  ['A.7.12', 'cabling', 'Cabling diagrams and the inspection record of power and network cabling', 'YEARLY'],
  ['A.7.13', 'equipment-maintenance', 'Equipment maintenance logs against the suppliers\' recommended intervals', 'QUARTERLY'],
  ['A.7.14', 'disposal', 'Certificates of secure disposal or re-use of equipment holding data', 'QUARTERLY'],
  ['A.8.1', 'endpoint-compliance', 'Endpoint compliance report: encryption, screen lock and management agent on user devices', 'MONTHLY'],
  ['A.8.2', 'privileged-access', 'Review of privileged accounts and their approvals', 'QUARTERLY'],
  ['A.8.3', 'access-restriction', 'Access restriction configuration for sensitive information and the exceptions approved', 'QUARTERLY'],
  ['A.8.4', 'source-code-access', 'Source code repository access list and its review', 'QUARTERLY'],
  ['A.8.5', 'mfa-coverage', 'Multi-factor authentication coverage report for all user and administrator accounts', 'QUARTERLY'],
  ['A.8.6', 'capacity', 'Capacity monitoring reports and the capacity plan for critical systems', 'QUARTERLY'],
  ['A.8.7', 'malware-protection', 'Anti-malware coverage and detection reports', 'MONTHLY'],
  ['A.8.8', 'vulnerability-scans', 'Vulnerability scan results and the remediation of findings within their deadlines', 'MONTHLY'],
  ['A.8.9', 'configuration-baselines', 'Approved configuration baselines and drift reports against them', 'QUARTERLY'],
  ['A.8.10', 'information-deletion', 'Records of information deleted when no longer needed (deletion logs, certificates)', 'QUARTERLY'],
  ['A.8.11', 'data-masking', 'Data masking rules and proof they are applied in non-production environments', 'YEARLY'],
  ['A.8.12', 'dlp', 'Data leakage prevention alerts and how they were handled', 'MONTHLY'],
  ['A.8.13', 'backup-restore', 'Backup job reports and the result of the last restore test', 'MONTHLY'],
  ['A.8.14', 'redundancy', 'Redundancy design of critical services and the last failover test', 'YEARLY'],
  ['A.8.15', 'access-logs', 'Access logs of critical systems, retained and protected from tampering', 'MONTHLY'],
  ['A.8.16', 'monitoring-alerts', 'Security monitoring alerts with their triage and outcome', 'MONTHLY'],
  ['A.8.17', 'clock-sync', 'Clock synchronisation configuration and a check that systems keep time from the approved sources', 'YEARLY'],
  ['A.8.18', 'utility-programs', 'List of privileged utility programs, who may run them, and their use', 'QUARTERLY'],
  ['A.8.19', 'software-installation', 'Software installation approvals and the allow-list in force on operational systems', 'QUARTERLY'],
  ['A.8.20', 'network-security', 'Network diagrams and the firewall rule review', 'QUARTERLY'],
  ['A.8.21', 'network-services', 'Security requirements of network services and the providers\' reports against them', 'YEARLY'],
  ['A.8.22', 'segregation', 'Network segregation design and the test that segments are isolated', 'YEARLY'],
  ['A.8.23', 'web-filtering', 'Web filtering policy and the blocked-access reports', 'QUARTERLY'],
  ['A.8.24', 'cryptography', 'Cryptography and key management rules, with the key inventory and rotation records', 'YEARLY'],
  ['A.8.25', 'sdlc', 'Secure development life cycle procedure, and its security gates passed by releases of the period', 'QUARTERLY'],
  ['A.8.26', 'app-requirements', 'Security requirements recorded and approved for applications built or bought in the period', 'QUARTERLY'],
  ['A.8.27', 'architecture-principles', 'Secure architecture and engineering principles, with the design reviews that applied them', 'YEARLY'],
  ['A.8.28', 'secure-coding', 'Secure coding standard and static analysis results of the period', 'QUARTERLY'],
  ['A.8.29', 'security-testing', 'Security test and penetration test reports, with the fixes of their findings', 'QUARTERLY'],
  ['A.8.30', 'outsourced-development', 'Security requirements and acceptance tests for outsourced development', 'YEARLY'],
  ['A.8.31', 'environment-separation', 'Separation of development, test and production environments, with their access lists', 'YEARLY'],
  ['A.8.32', 'change-records', 'Change records with approvals, tests and rollback plans', 'MONTHLY'],
  ['A.8.33', 'test-data', 'Approvals for the use of test data and how production data in tests is protected', 'QUARTERLY'],
  ['A.8.34', 'audit-testing', 'Plans agreed before audit tests on operational systems, with their approvals', 'YEARLY'],
];

function defaults(): readonly DefaultEvidenceRequirement[] {
  const known = new Set(ANNEX_A.map((control) => control.id));
  const requirements = rows.map(([controlId, slug, title, frequency]) => {
    if (!known.has(controlId)) throw new Error(`evidence requirement for unknown control ${controlId}`);
    return Object.freeze({ key: `${controlId}-${slug}`, controlId, title, frequency });
  });
  const covered = new Set(requirements.map((requirement) => requirement.controlId));
  const missing = [...known].filter((id) => !covered.has(id));
  if (missing.length > 0) throw new Error(`no default evidence requirement for ${missing.join(', ')}`);
  return Object.freeze(requirements);
}

/** The default evidence requirements: at least one per Annex A control (93 controls), seeded per organisation. */
export const DEFAULT_EVIDENCE_REQUIREMENTS: readonly DefaultEvidenceRequirement[] = defaults();

export function defaultEvidenceRequirementsOf(controlId: string): DefaultEvidenceRequirement[] {
  return DEFAULT_EVIDENCE_REQUIREMENTS.filter((requirement) => requirement.controlId === controlId);
}
