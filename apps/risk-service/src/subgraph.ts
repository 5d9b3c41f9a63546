import { RiskAssetDeleted, RiskAssetUpserted, RiskMethodologyPublished, RiskUpserted } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { riskDocumentsRouter } from './modules/documents/risk-document.internal';
import { configSchema, RiskConfig } from './config';
import { RiskInitial1764300000200 } from './migrations/1764300000200-risk-initial.migration';
import { RiskMethodologyRegister1764300000210 } from './migrations/1764300000210-risk-methodology-register.migration';
import { RiskOwnerAssignedAt1764300008300 } from './migrations/1764300008300-risk-owner-assigned-at.migration';
import { RiskRunItemUnit1764300008400 } from './migrations/1764300008400-risk-run-item-unit.migration';
import { RiskMethodologyDraft1764300011100 } from './migrations/1764300011100-risk-methodology-draft.migration';
import { AssetEntity, RiskAssetLinkEntity } from './modules/assets/asset.entity';
import { assetReference } from './modules/assets/asset.reference';
import { AssetResolver } from './modules/assets/asset.resolver';
import { ImportJobEntity } from './modules/imports/import-job.entity';
import { ImportJobResolver } from './modules/imports/import-job.resolver';
import { MethodologyDraftEntity } from './modules/methodology/methodology-draft.entity';
import { MethodologyEntity } from './modules/methodology/methodology.entity';
import { MethodologyResolver } from './modules/methodology/methodology.resolver';
import { RiskActionEntity } from './modules/risks/risk-action.entity';
import { RiskAssessmentEntity } from './modules/risks/risk-assessment.entity';
import { RiskEntity } from './modules/risks/risk.entity';
import { riskReference } from './modules/risks/risk.reference';
import { RiskAcceptanceResolver, RiskActionResolver, RiskResolver } from './modules/risks/risk.resolver';
import { AssessmentRunEntity, AssessmentRunItemEntity } from './modules/runs/assessment-run.entity';
import { AssessmentRunResolver } from './modules/runs/assessment-run.resolver';
import { TreatmentPlanResolver } from './modules/treatment-plan/treatment-plan.resolver';
import { importJobRecovery } from './modules/imports/import-job.recovery';

/** risk-service: assets, the risk methodology, the register, treatment, residual risk and its acceptance. */
export const risk: SubgraphDefinition<RiskConfig> = {
  name: 'risk-service',
  // evidence-service fetches the documents this service renders for the Stage 1 pack.
  internal: (deps) => riskDocumentsRouter(deps),
  configSchema,
  entities: [
    RiskEntity,
    RiskAssessmentEntity,
    RiskActionEntity,
    MethodologyEntity,
    MethodologyDraftEntity,
    ...orgReplicaEntities,
    AssetEntity,
    RiskAssetLinkEntity,
    AssessmentRunEntity,
    AssessmentRunItemEntity,
    ImportJobEntity,
  ],
  migrations: [RiskInitial1764300000200, RiskMethodologyRegister1764300000210, ...orgReplicaMigrations, RiskOwnerAssignedAt1764300008300, RiskRunItemUnit1764300008400, RiskMethodologyDraft1764300011100],
  resolvers: [RiskResolver, RiskActionResolver, RiskAcceptanceResolver, AssetResolver, MethodologyResolver, AssessmentRunResolver, TreatmentPlanResolver, ImportJobResolver],
  references: (deps) => ({ ...riskReference(deps), ...assetReference(deps) }),
  produces: [RiskUpserted, RiskAssetUpserted, RiskAssetDeleted, RiskMethodologyPublished],
  // Imports a restart interrupted, picked up on the job store in this service's database.
  jobs: () => [importJobRecovery()],
  // People (owners, acceptance) and units from isms-service.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [...orgReplicaHandlers(deps)],
};
