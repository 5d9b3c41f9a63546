import { EvidenceItemChanged } from '@iso27001/contracts';
import { orgReplicaAccess, orgReplicaEntities, orgReplicaHandlers, orgReplicaMigrations } from '@iso27001/org-replica';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, EvidenceConfig } from './config';
import { EvidenceInitial1764300000400 } from './migrations/1764300000400-evidence-initial.migration';
import { EvidenceFile1764300010100 } from './migrations/1764300010100-evidence-file.migration';
import { EvidenceItemsVersionsMappings1764300010200 } from './migrations/1764300010200-evidence-items-versions-mappings.migration';
import { EvidenceHistoryEntity } from './modules/evidence/evidence-history.entity';
import { EvidenceItemEntity } from './modules/evidence/evidence-item.entity';
import { EvidenceMappingEntity } from './modules/evidence/evidence-mapping.entity';
import { EvidenceVersionEntity } from './modules/evidence/evidence-version.entity';
import { EvidenceFileEntity } from './modules/files/evidence-file.entity';
import { evidenceFileRoutes } from './modules/files/evidence-file.http';
import { EvidenceFileResolver } from './modules/files/evidence-file.resolver';
import { evidenceItemReference } from './modules/evidence/evidence-item.reference';
import { EvidenceItemResolver } from './modules/evidence/evidence-item.resolver';
import { GeneratedDocumentEntity } from './modules/documents/generated-document.entity';
import { GeneratedDocuments1764300012000 } from './migrations/1764300012000-generated-documents.migration';

/** evidence-service: evidence items per control or clause (requests, files, collectors as the product grows). */
export const evidence: SubgraphDefinition<EvidenceConfig> = {
  name: 'evidence-service',
  configSchema,
  entities: [EvidenceItemEntity, EvidenceVersionEntity, EvidenceMappingEntity, EvidenceHistoryEntity, EvidenceFileEntity, ...orgReplicaEntities, GeneratedDocumentEntity],
  migrations: [EvidenceInitial1764300000400, EvidenceFile1764300010100, EvidenceItemsVersionsMappings1764300010200, ...orgReplicaMigrations, GeneratedDocuments1764300012000],
  resolvers: [EvidenceItemResolver, EvidenceFileResolver],
  references: (deps) => ({ ...evidenceItemReference(deps) }),
  // People, units and role assignments from isms-service: each request's caller is scoped by them.
  access: (deps) => orgReplicaAccess(deps),
  handlers: (deps) => [...orgReplicaHandlers(deps)],
  // Evidence file uploads and downloads, streamed through the gateway (GraphQL carries their metadata only).
  http: (deps) => evidenceFileRoutes(deps),
  produces: [EvidenceItemChanged],
};
