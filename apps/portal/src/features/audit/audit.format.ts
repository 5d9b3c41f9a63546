import type { EngagementStatus, EngagementType, FindingSeverity } from '../../gql/graphql';

export const ENGAGEMENT_TYPE_LABEL: Record<EngagementType, string> = {
  INTERNAL: 'Internal audit (9.2)',
  STAGE_1: 'Certification, Stage 1',
  STAGE_2: 'Certification, Stage 2',
  SURVEILLANCE: 'Surveillance audit',
  RECERTIFICATION: 'Recertification audit',
};

export const ENGAGEMENT_STATUS_LABEL: Record<EngagementStatus, string> = { PLANNED: 'Planned', IN_PROGRESS: 'In progress', CLOSED: 'Closed' };
export const ENGAGEMENT_STATUS_COLOUR: Record<EngagementStatus, string> = { PLANNED: 'gray', IN_PROGRESS: 'blue', CLOSED: 'dark' };

/** Where an engagement may go from each status (the API refuses any other move). */
export const NEXT_ENGAGEMENT_STATUSES: Record<EngagementStatus, EngagementStatus[]> = { PLANNED: ['IN_PROGRESS', 'CLOSED'], IN_PROGRESS: ['CLOSED'], CLOSED: [] };

export const SEVERITY_LABEL: Record<FindingSeverity, string> = {
  MAJOR_NONCONFORMITY: 'Major nonconformity',
  MINOR_NONCONFORMITY: 'Minor nonconformity',
  OBSERVATION: 'Observation',
  OPPORTUNITY: 'Opportunity for improvement',
};
export const SEVERITY_COLOUR: Record<FindingSeverity, string> = { MAJOR_NONCONFORMITY: 'red', MINOR_NONCONFORMITY: 'orange', OBSERVATION: 'blue', OPPORTUNITY: 'teal' };
export const SEVERITIES: readonly FindingSeverity[] = ['MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY', 'OBSERVATION', 'OPPORTUNITY'];

/** A clause of ISO/IEC 27001:2022 (4 to 10), e.g. "9.2" or "9.2.1": the rule the API applies. */
export const CLAUSE_PATTERN = /^(?:[4-9]|10)(?:\.\d{1,2}){0,2}$/;
