/**
 * ISO/IEC 27001:2022 clauses 4 to 10 (the ISMS requirements), down to each sub-clause, including the two changes of
 * Amendment 1:2024 (climate action) to 4.1 and 4.2. Identifiers and titles are facts of the standard; every
 * `summary` is our own one-sentence wording of what an auditor looks for and reproduces no requirement text.
 */
export type ClauseNumber = 4 | 5 | 6 | 7 | 8 | 9 | 10;

export interface IsmsClause {
  readonly clause: ClauseNumber;
  readonly title: string;
}

export interface ClauseRequirement {
  /** `4.1`, `6.1.2`, `9.3.3` … */
  readonly id: string;
  readonly clause: ClauseNumber;
  /** The enclosing sub-clause (`6.1` for `6.1.2`), or null for a first-level sub-clause such as `4.1`. */
  readonly parentId: string | null;
  readonly title: string;
  /** One sentence, in our own words, of what an auditor checks. */
  readonly summary: string;
  /**
   * The sub-clause itself asks for documented information to be maintained or retained; a parent (`6.1`, `7.5`, `9.2`,
   * `9.3`) is true when one of its children is.
   */
  readonly requiresDocumentedInformation: boolean;
}

/** The seven top-level clauses of the requirements part. */
export const ISMS_CLAUSES: readonly IsmsClause[] = Object.freeze(
  (
    [
      [4, 'Context of the organization'],
      [5, 'Leadership'],
      [6, 'Planning'],
      [7, 'Support'],
      [8, 'Operation'],
      [9, 'Performance evaluation'],
      [10, 'Improvement'],
    ] as [ClauseNumber, string][]
  ).map(([clause, title]) => Object.freeze({ clause, title })),
);

type Row = [id: string, title: string, requiresDocumentedInformation: boolean, summary: string];

const rows: Row[] = [
  ['4.1', 'Understanding the organization and its context', false,
    'The organisation has worked out which internal and external issues bear on its purpose and on what the ISMS should achieve, and (since Amendment 1:2024) has decided whether climate change is one of them.'],
  ['4.2', 'Understanding the needs and expectations of interested parties', false,
    'The organisation knows which interested parties matter to the ISMS, what they require of it (Amendment 1:2024 notes this can include climate-related requirements), and which of those requirements the ISMS will deal with.'],
  ['4.3', 'Determining the scope of the information security management system', true,
    'A written scope sets the boundaries of the ISMS and reflects the issues, requirements, interfaces and dependencies identified, including activities run by other organisations.'],
  ['4.4', 'Information security management system', false,
    'The ISMS exists as a working set of interacting processes that the organisation runs, maintains and keeps improving.'],
  ['5.1', 'Leadership and commitment', false,
    'Top management visibly drives the ISMS: its policy and objectives fit the strategy, it is built into business processes, it has the resources it needs, and managers are supported in their part.'],
  ['5.2', 'Policy', true,
    'Top management has issued an information security policy that suits the organisation, frames its objectives, commits to meeting requirements and to improvement, and is documented and communicated.'],
  ['5.3', 'Organizational roles, responsibilities and authorities', false,
    'Security responsibilities and authorities, including reporting on how the ISMS performs, are assigned to named roles and made known inside the organisation.'],
  ['6.1', 'Actions to address risks and opportunities', true,
    'Planning of the ISMS deals with its risks and opportunities through a defined risk assessment and risk treatment process.'],
  ['6.1.1', 'General', false,
    'When planning, the organisation used its context and interested-party requirements to pick the risks and opportunities to act on and built the resulting actions into ISMS processes with a way to judge their effect.'],
  ['6.1.2', 'Information security risk assessment', true,
    'A written, repeatable risk assessment method with risk acceptance and assessment criteria identifies risks to confidentiality, integrity and availability, names their owners, and analyses and ranks them consistently.'],
  ['6.1.3', 'Information security risk treatment', true,
    'Treatment options and the controls they need were chosen and compared with Annex A, a Statement of Applicability justifies each control’s inclusion or exclusion, and risk owners approved the treatment plan and the residual risk.'],
  ['6.2', 'Information security objectives and planning to achieve them', true,
    'Measurable security objectives, consistent with the policy, exist for relevant functions and levels, are monitored and communicated, and come with plans saying what will be done, by whom, by when and how success is judged.'],
  ['6.3', 'Planning of changes', false,
    'Changes to the ISMS are decided and carried out in a planned, controlled way rather than ad hoc.'],
  ['7.1', 'Resources', false,
    'The people, budget, tools and other resources the ISMS needs have been determined and are provided.'],
  ['7.2', 'Competence', true,
    'The organisation defined what competence security-relevant roles need, ensures people have it through education, training or experience, closes gaps and keeps proof.'],
  ['7.3', 'Awareness', false,
    'People working for the organisation know the policy, how they contribute to the ISMS and what happens if they do not follow it.'],
  ['7.4', 'Communication', false,
    'The organisation has decided what it communicates about the ISMS, when, with whom and how, both internally and externally.'],
  ['7.5', 'Documented information', true,
    'The documents and records the ISMS relies on exist and are created, updated and controlled properly.'],
  ['7.5.1', 'General', true,
    'The ISMS holds the documented information the standard asks for plus whatever the organisation itself judged necessary for the ISMS to work.'],
  ['7.5.2', 'Creating and updating', false,
    'Documents carry identification, use a suitable format and medium, and are reviewed and approved before use.'],
  ['7.5.3', 'Control of documented information', false,
    'Documented information, including that from outside sources, is available where needed, protected, and controlled in distribution, access, storage, versions, retention and disposal.'],
  ['8.1', 'Operational planning and control', true,
    'The processes that deliver the ISMS and the planned actions are run against set criteria, changes and externally provided processes are controlled, and records show things went as planned.'],
  ['8.2', 'Information security risk assessment', true,
    'Risk assessments are actually carried out at planned intervals and after significant changes, and their results are kept.'],
  ['8.3', 'Information security risk treatment', true,
    'The risk treatment plan is actually being carried out and the results of treatment are kept.'],
  ['9.1', 'Monitoring, measurement, analysis and evaluation', true,
    'The organisation chose what to monitor and measure, how, when and by whom results are analysed, evaluates the performance and effectiveness of the ISMS from them, and keeps the results.'],
  ['9.2', 'Internal audit', true,
    'The organisation audits its own ISMS at planned intervals through a managed audit programme.'],
  ['9.2.1', 'General', false,
    'Internal audits at planned intervals establish whether the ISMS meets the organisation’s own requirements and the standard and whether it is effectively implemented and maintained.'],
  ['9.2.2', 'Internal audit programme', true,
    'An audit programme sets frequency, methods, responsibilities, criteria and scope, auditors are objective and impartial, results reach the relevant managers, and evidence of the programme and its results is kept.'],
  ['9.3', 'Management review', true,
    'Top management reviews the ISMS at planned intervals using defined inputs and records its conclusions.'],
  ['9.3.1', 'General', false,
    'Top management reviews the ISMS at planned intervals to confirm it remains suitable, adequate and effective.'],
  ['9.3.2', 'Management review inputs', false,
    'The review considered past actions, changes in issues and in interested parties’ needs, performance trends, audit and measurement results, risk assessment and treatment status, and improvement opportunities.'],
  ['9.3.3', 'Management review results', true,
    'The review ended in decisions on improvement opportunities and needed changes to the ISMS, and evidence of those results is kept.'],
  ['10.1', 'Continual improvement', false,
    'The organisation keeps making the ISMS more suitable, adequate and effective over time.'],
  ['10.2', 'Nonconformity and corrective action', true,
    'Each nonconformity is dealt with, its cause is found, corrective action proportionate to its effect is taken and checked for effectiveness, and records of the nonconformity, actions and results are kept.'],
];

function parentOf(id: string): string | null {
  const parts = id.split('.');
  return parts.length > 2 ? parts.slice(0, -1).join('.') : null;
}

export const CLAUSE_REQUIREMENTS: readonly ClauseRequirement[] = Object.freeze(
  rows.map(([id, title, requiresDocumentedInformation, summary]) =>
    Object.freeze({ id, clause: Number(id.split('.')[0]) as ClauseNumber, parentId: parentOf(id), title, summary, requiresDocumentedInformation }),
  ),
);

const byId = new Map(CLAUSE_REQUIREMENTS.map((requirement) => [requirement.id, requirement]));

export function clauseRequirement(id: string): ClauseRequirement | undefined {
  return byId.get(id);
}

export function isClauseRequirementId(id: string): boolean {
  return byId.has(id);
}
