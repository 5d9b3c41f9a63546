import { ControlImplementationChanged, ControlOperatingStatusChanged, PolicyPublished, SoaEntryChanged, SoaVersionPublished } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { controlsDocumentsRouter } from './modules/documents/controls-document.internal';
import { configSchema, ControlsConfig } from './config';
import { ControlsInitial1764300000300 } from './migrations/1764300000300-controls-initial.migration';
import { SoaVersionsImplementation1764300003100 } from './migrations/1764300003100-soa-versions-implementation.migration';
import { Policies1764300003200 } from './migrations/1764300003200-policies.migration';
import { GapAnalysis1764300003210 } from './migrations/1764300003210-gap-analysis.migration';
import { PolicyVersionSubmission1764300006100 } from './migrations/1764300006100-policy-version-submission.migration';
import { PolicyVersionContributors1764300008100 } from './migrations/1764300008100-policy-version-contributors.migration';
import { ControlEvidenceManyControls1764300010300 } from './migrations/1764300010300-control-evidence-many-controls.migration';
import { SoaVersionSubmission1764300011200 } from './migrations/1764300011200-soa-version-submission.migration';
import { controlReference } from './modules/catalogue/control.reference';
import { ControlResolver } from './modules/catalogue/control.resolver';
import { GapAssessmentEntity } from './modules/gap-analysis/gap-assessment.entity';
import { GapAssessmentResolver } from './modules/gap-analysis/gap-assessment.resolver';
import { PolicyEntity } from './modules/policies/policy.entity';
import { policyReference } from './modules/policies/policy.reference';
import { PolicyResolver } from './modules/policies/policy.resolver';
import { PolicyVersionEntity } from './modules/policies/policy-version.entity';
import { ControlImplementationEntity } from './modules/implementation/control-implementation.entity';
import { ControlImplementationResolver, ControlOperationResolver } from './modules/implementation/control-implementation.resolver';
import { evidenceItemChangedHandler } from './modules/implementation/events/evidence-item-changed.handler';
import { findingChangedHandler, findingRaisedHandler } from './modules/implementation/events/finding-raised.handler';
import { ControlEvidenceEntity } from './modules/implementation/control-evidence.entity';
import { ControlFindingEntity } from './modules/implementation/control-finding.entity';
import { OperatingStatusEntity } from './modules/implementation/operating-status.entity';
import { riskUpsertedHandler } from './modules/soa/events/risk-upserted.handler';
import { scopeApprovedHandler } from './modules/soa/events/scope-approved.handler';
import { IsmsScopeEntity } from './modules/soa/isms-scope.entity';
import { SoaChangeEntity } from './modules/soa/soa-change.entity';
import { SoaVersionEntity } from './modules/soa/soa-version.entity';
import { SoaVersionSubmissionEntity } from './modules/soa/soa-version-submission.entity';
import { SoaVersionResolver } from './modules/soa/soa-version.resolver';
import { RiskControlLinkEntity } from './modules/soa/risk-control-link.entity';
import { SoaEntryEntity } from './modules/soa/soa-entry.entity';
import { SoaEntryResolver } from './modules/soa/soa-entry.resolver';

/** controls-service: the Annex A catalogue and the Statement of Applicability (policies, gap analysis as the product grows). */
export const controls: SubgraphDefinition<ControlsConfig> = {
  name: 'controls-service',
  // evidence-service fetches the documents this service renders for the Stage 1 pack.
  internal: (deps) => controlsDocumentsRouter(deps),
  configSchema,
  entities: [SoaEntryEntity, RiskControlLinkEntity, PolicyEntity, PolicyVersionEntity, GapAssessmentEntity,
    SoaChangeEntity, SoaVersionEntity, SoaVersionSubmissionEntity, IsmsScopeEntity, ControlImplementationEntity, OperatingStatusEntity, ControlEvidenceEntity, ControlFindingEntity, ...orgReplicaEntities],
  migrations: [ControlsInitial1764300000300, SoaVersionsImplementation1764300003100, Policies1764300003200, GapAnalysis1764300003210, ...orgReplicaMigrations.slice(0, 1), PolicyVersionSubmission1764300006100, ...orgReplicaMigrations.slice(1), PolicyVersionContributors1764300008100, ControlEvidenceManyControls1764300010300, SoaVersionSubmission1764300011200],
  resolvers: [ControlResolver, SoaEntryResolver, PolicyResolver, GapAssessmentResolver,
    SoaVersionResolver, ControlImplementationResolver, ControlOperationResolver],
  references: (deps) => ({ ...controlReference(), ...policyReference(deps) }),
  produces: [SoaEntryChanged, PolicyPublished, SoaVersionPublished, ControlOperatingStatusChanged, ControlImplementationChanged],
  // People (control owners) and units from isms-service: owners are checked against them, and shown only if known.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [riskUpsertedHandler(deps),
    scopeApprovedHandler(deps), evidenceItemChangedHandler(deps), findingRaisedHandler(deps), findingChangedHandler(deps), ...orgReplicaHandlers(deps)],
};
