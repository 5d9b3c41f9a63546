import express from 'express';
import { CorrectiveActionChanged, FindingChanged, FindingRaised, NotificationRequested } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { AuditConfig, configSchema } from './config';
import { AuditInitial1764300000600 } from './migrations/1764300000600-audit-initial.migration';
import { AuditGrants1764300000610 } from './migrations/1764300000610-audit-grants.migration';
import { CorrectiveActions1764300015000 } from './migrations/1764300015000-corrective-actions.migration';
import { CertificationCycle1764300015100 } from './migrations/1764300015100-certification-cycle.migration';
import { ApprovedScopeReplicaEntity, CertificationCycleEntity } from './modules/certification/certification.entity';
import { certificationJobs, scopeApprovedHandler } from './modules/certification/certification.events';
import { CertificationResolver } from './modules/certification/certification.resolver';
import { AuditProgramme1764300015200 } from './migrations/1764300015200-audit-programme.migration';
import { soaPublishedHandler } from './modules/programme/programme.events';
import { ProgrammeResolver } from './modules/programme/programme.resolver';
import { AuditRequests1764300015300 } from './migrations/1764300015300-audit-requests.migration';
import { ManagementReview1764300015400 } from './migrations/1764300015400-management-review.migration';
import { CertificationReminders1764300015500 } from './migrations/1764300015500-certification-reminders.migration';
import { ManagementReviewActionEntity, ManagementReviewEntity } from './modules/management-review/management-review.entity';
import { ManagementReviewResolver } from './modules/management-review/management-review.resolver';
import { AuditRequestEntity } from './modules/requests/audit-request.entity';
import { AuditRequestResolver, EngagementRequestsResolver } from './modules/requests/audit-request.resolver';
import { CorrectiveActionEntity } from './modules/corrective-actions/corrective-action.entity';
import { CorrectiveActionResolver, FindingCorrectiveActionResolver } from './modules/corrective-actions/corrective-action.resolver';
import { AuditGrantEntity, AuditorAccessLogEntity } from './modules/grants/audit-grant.entity';
import { auditDocumentsRouter } from './modules/documents/audit-document.internal';
import { auditGrantInternalRouter } from './modules/grants/audit-grant.internal';
import { AuditGrantResolver } from './modules/grants/audit-grant.resolver';
import { EngagementEntity } from './modules/engagements/engagement.entity';
import { engagementReference } from './modules/engagements/engagement.reference';
import { EngagementResolver } from './modules/engagements/engagement.resolver';
import { FindingEntity } from './modules/findings/finding.entity';
import { findingReference } from './modules/findings/finding.reference';
import { FindingResolver } from './modules/findings/finding.resolver';

/** audit-service: audit engagements, their findings and corrective actions (programmes and reviews as the product grows). */
export const audit: SubgraphDefinition<AuditConfig> = {
  name: 'audit-service',
  configSchema,
  entities: [EngagementEntity, FindingEntity, CorrectiveActionEntity, CertificationCycleEntity, ApprovedScopeReplicaEntity, AuditRequestEntity, ManagementReviewEntity, ManagementReviewActionEntity, AuditGrantEntity, AuditorAccessLogEntity, ...orgReplicaEntities],
  migrations: [AuditInitial1764300000600, AuditGrants1764300000610, CorrectiveActions1764300015000, CertificationCycle1764300015100, AuditProgramme1764300015200, AuditRequests1764300015300, ManagementReview1764300015400, CertificationReminders1764300015500, ...orgReplicaMigrations],
  resolvers: [EngagementResolver, FindingResolver, FindingCorrectiveActionResolver, CorrectiveActionResolver, CertificationResolver, ProgrammeResolver, AuditRequestResolver, EngagementRequestsResolver, ManagementReviewResolver, AuditGrantResolver],
  // The gateway checks (and logs) every request of an external auditor against their grant here.
  // …and evidence-service fetches the documents this service renders for the Stage 1 pack.
  internal: (deps) => express.Router().use(auditGrantInternalRouter(deps), auditDocumentsRouter(deps)),
  references: (deps) => ({ ...engagementReference(deps), ...findingReference(deps) }),
  // People, units and role assignments from isms-service: each request's caller is scoped by them.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [...orgReplicaHandlers(deps), scopeApprovedHandler(deps), soaPublishedHandler(deps)],
  // Reminders ahead of the certificate's dates, on the job store in this service's database.
  jobs: () => certificationJobs(),
  produces: [FindingRaised, FindingChanged, CorrectiveActionChanged, NotificationRequested],
};
