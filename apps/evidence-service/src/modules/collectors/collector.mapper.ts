import { configJsonSchema } from '@iso27001/collector-kit';
import { RegisteredCollector } from './collector.registry';
import { redactConfig } from './collector.rules';
import { CollectorConfigurationEntity, CollectorRunEntity } from './collector-configuration.entity';
import { CollectorConfigurationType, CollectorRunOutcomeType, CollectorRunType, CollectorRunTriggerType, EvidenceCollectorType } from './collector.type';

export function toEvidenceCollectorType({ collector, source }: RegisteredCollector): EvidenceCollectorType {
  return Object.assign(new EvidenceCollectorType(), {
    id: collector.id,
    title: collector.title,
    description: collector.description ?? null,
    version: collector.version,
    defaultSchedule: collector.defaultSchedule,
    controlIds: [...collector.controls],
    clauses: [...collector.clauses],
    configSchema: JSON.stringify(configJsonSchema(collector)),
    source,
  });
}

export function toCollectorConfigurationType(row: CollectorConfigurationEntity): CollectorConfigurationType {
  return Object.assign(new CollectorConfigurationType(), {
    id: row.id,
    collectorId: row.collectorId,
    name: row.name,
    unitId: row.unitId,
    enabled: row.enabled,
    schedule: row.schedule,
    config: JSON.stringify(redactConfig(row.config)),
    nextRunAt: row.nextRunAt,
    configuredBy: row.configuredBy,
    updatedAt: row.updatedAt,
  });
}

export function toCollectorRunType(row: CollectorRunEntity): CollectorRunType {
  return Object.assign(new CollectorRunType(), {
    id: row.id,
    configurationId: row.configurationId,
    collectorId: row.collectorId,
    collectorVersion: row.collectorVersion,
    trigger: row.trigger as CollectorRunTriggerType,
    startedBy: row.startedBy,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    outcome: row.outcome as CollectorRunOutcomeType,
    reason: row.reason,
    itemsProduced: row.itemsProduced,
    evidenceIds: [...row.evidenceIds],
  });
}
