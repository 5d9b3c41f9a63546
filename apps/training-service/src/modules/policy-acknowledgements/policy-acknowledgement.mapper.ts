import { EventData, PolicyAcknowledged } from '@iso27001/contracts';
import { PolicyAcknowledgementEntity } from './policy-acknowledgement.entity';
import { PolicyAcknowledgementStatusType, PolicyAcknowledgementType } from './policy-acknowledgement.type';

export function toPolicyAcknowledgementType(entity: PolicyAcknowledgementEntity): PolicyAcknowledgementType {
  return Object.assign(new PolicyAcknowledgementType(), {
    id: entity.id,
    versionId: entity.versionId,
    version: entity.version,
    policyTitle: entity.policyTitle,
    status: entity.status as PolicyAcknowledgementStatusType,
    acknowledgedAt: entity.acknowledgedAt,
    acknowledgedVersion: entity.acknowledgedVersion,
    contentSha256: entity.contentSha256,
    acknowledgedAddress: entity.acknowledgedAddress,
    acknowledgedUserAgent: entity.acknowledgedUserAgent,
    createdAt: entity.createdAt,
    policyId: entity.policyId,
    personId: entity.personId,
  });
}

export function toPolicyAcknowledgedData(entity: PolicyAcknowledgementEntity): EventData<typeof PolicyAcknowledged> {
  if (!entity.acknowledgedAt) throw new Error(`acknowledgement ${entity.id} is not acknowledged`);
  return {
    id: entity.id,
    policyId: entity.policyId,
    versionId: entity.versionId,
    version: entity.version,
    personId: entity.personId,
    acknowledgedAt: entity.acknowledgedAt.toISOString(),
    ...(entity.acknowledgedVersionId && entity.acknowledgedVersion
      ? { acknowledgedVersionId: entity.acknowledgedVersionId, acknowledgedVersion: entity.acknowledgedVersion }
      : {}),
    contentSha256: entity.contentSha256,
  };
}
