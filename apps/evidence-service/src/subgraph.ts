import { EvidenceItemChanged, EvidenceRequestChanged, NotificationRequested } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, EvidenceConfig } from './config';
import { EvidenceInitial1764300000400 } from './migrations/1764300000400-evidence-initial.migration';
import { EvidenceFile1764300010100 } from './migrations/1764300010100-evidence-file.migration';
import { EvidenceItemsVersionsMappings1764300010200 } from './migrations/1764300010200-evidence-items-versions-mappings.migration';
import { EvidenceItemTally1764300010210 } from './migrations/1764300010210-evidence-item-tally.migration';
import { EvidenceItemTallyPerStatement1764300010220 } from './migrations/1764300010220-evidence-item-tally-per-statement.migration';
import { EvidenceMappingListOrder1764300010230 } from './migrations/1764300010230-evidence-mapping-list-order.migration';
import { evidenceExpiryJobs } from './modules/evidence/evidence-expiry.jobs';
import { EvidenceHistoryEntity } from './modules/evidence/evidence-history.entity';
import { EvidenceItemEntity } from './modules/evidence/evidence-item.entity';
import { EvidenceMappingEntity } from './modules/evidence/evidence-mapping.entity';
import { EvidenceVersionEntity } from './modules/evidence/evidence-version.entity';
import { EvidenceFileEntity } from './modules/files/evidence-file.entity';
import { evidenceFileRoutes } from './modules/files/evidence-file.http';
import { EvidenceFileResolver } from './modules/files/evidence-file.resolver';
import { evidenceItemReference } from './modules/evidence/evidence-item.reference';
import { EvidenceItemResolver } from './modules/evidence/evidence-item.resolver';
import express from 'express';
import { stage1PackRoutes } from './modules/stage1-pack/stage1-pack.http';
import { Stage1PackResolver } from './modules/stage1-pack/stage1-pack.resolver';
import { scopeApprovedHandler } from './modules/stage1-pack/events/scope-replica.handlers';
import { ScopeReplicaEntity } from './modules/stage1-pack/scope-replica.entity';
import { GeneratedDocumentEntity } from './modules/documents/generated-document.entity';
import { GeneratedDocuments1764300012000 } from './migrations/1764300012000-generated-documents.migration';
import { EvidenceRequests1764300010500 } from './migrations/1764300010500-evidence-requests.migration';
import { controlImplementationChangedHandler, soaEntryChangedHandler } from './modules/implementations/events/implementation-replica.handlers';
import { ControlImplementationReplicaEntity, SoaApplicabilityReplicaEntity } from './modules/implementations/implementation-replica.entity';
import { EvidenceRequestEntity, EvidenceRequestHistoryEntity, EvidenceRequestReminderEntity } from './modules/requests/evidence-request.entity';
import { evidenceRequestJobs } from './modules/requests/evidence-request.jobs';
import { EvidenceRequestResolver } from './modules/requests/evidence-request.resolver';
import { EvidenceRequirementEntity, EvidenceRequirementSeedEntity } from './modules/requirements/evidence-requirement.entity';
import { EvidenceRequirementResolver } from './modules/requirements/evidence-requirement.resolver';

import { EvidenceCollectors1764300012500 } from './migrations/1764300012500-evidence-collectors.migration';
import { CollectorConfigurationEntity, CollectorEvidenceEntity, CollectorRunEntity } from './modules/collectors/collector-configuration.entity';
import { collectorJobs, collectorRegistryWorker } from './modules/collectors/collector.jobs';
import { CollectorResolver } from './modules/collectors/collector.resolver';
import { assignmentChangedHandler, policyAcknowledgedHandler } from './modules/collectors/events/training-replica.handlers';
import { PolicyAcknowledgementReplicaEntity, TrainingAssignmentReplicaEntity } from './modules/collectors/training-replica.entity';

/** evidence-service: evidence items per control or clause (requests, files, collectors as the product grows). */
export const evidence: SubgraphDefinition<EvidenceConfig> = {
  name: 'evidence-service',
  configSchema,
  entities: [EvidenceItemEntity, EvidenceVersionEntity, EvidenceMappingEntity, EvidenceHistoryEntity, EvidenceFileEntity, ...orgReplicaEntities, GeneratedDocumentEntity, ScopeReplicaEntity,
    EvidenceRequirementEntity, EvidenceRequirementSeedEntity, ControlImplementationReplicaEntity, SoaApplicabilityReplicaEntity, EvidenceRequestEntity, EvidenceRequestHistoryEntity, EvidenceRequestReminderEntity,
    CollectorConfigurationEntity, CollectorRunEntity, CollectorEvidenceEntity, TrainingAssignmentReplicaEntity, PolicyAcknowledgementReplicaEntity],
  migrations: [EvidenceInitial1764300000400, EvidenceFile1764300010100, EvidenceItemsVersionsMappings1764300010200, EvidenceItemTally1764300010210, EvidenceItemTallyPerStatement1764300010220, EvidenceMappingListOrder1764300010230, ...orgReplicaMigrations, GeneratedDocuments1764300012000, EvidenceRequests1764300010500,
    EvidenceCollectors1764300012500],
  resolvers: [EvidenceItemResolver, EvidenceFileResolver, EvidenceRequirementResolver, EvidenceRequestResolver,
    CollectorResolver, Stage1PackResolver],
  references: (deps) => ({ ...evidenceItemReference(deps) }),
  // People, units and role assignments from isms-service: each request's caller is scoped by them.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [...orgReplicaHandlers(deps), scopeApprovedHandler(deps), soaEntryChangedHandler(deps), controlImplementationChangedHandler(deps),
    assignmentChangedHandler(), policyAcknowledgedHandler()],
  // Reminders, the next periodic request and evidence expiry, on the job store in this service's database.
  jobs: (deps) => [...evidenceRequestJobs(deps), ...evidenceExpiryJobs(deps),
    ...collectorJobs(deps)],
  // Collector packages named in EVIDENCE_COLLECTOR_PACKAGES are loaded (and checked) at start.
  workers: (deps) => [collectorRegistryWorker(deps)],
  // Evidence file uploads and downloads, streamed through the gateway (GraphQL carries their metadata only).
  http: (deps) => express.Router().use(evidenceFileRoutes(deps), stage1PackRoutes(deps)),
  produces: [EvidenceItemChanged, EvidenceRequestChanged, NotificationRequested],
};
