import { EventData, PolicyPublished } from '@iso27001/contracts';
import { PolicyEntity } from './policy.entity';
import { PolicyVersionEntity } from './policy-version.entity';
import { formatVersion, policyContentSha256 } from './policy.rules';
import {
  PolicyApproverRoleType,
  PolicyAudienceType,
  PolicyFileContentType,
  PolicyFileType,
  PolicyStateType,
  PolicyType,
  PolicyVersionStatusType,
  PolicyVersionType,
} from './policy.type';

export function toPolicyType(entity: PolicyEntity): PolicyType {
  return Object.assign(new PolicyType(), {
    id: entity.id,
    title: entity.title,
    approverRole: entity.approverRole as PolicyApproverRoleType,
    audience: Object.assign(new PolicyAudienceType(), {
      everyone: entity.audienceEveryone,
      unitIds: [...entity.audienceUnitIds],
      jobRoles: [...entity.audienceJobRoles],
    }),
    reviewIntervalMonths: entity.reviewIntervalMonths,
    reviewDueOn: entity.reviewDueOn,
    state: entity.publishedVersionId ? PolicyStateType.PUBLISHED : entity.retiredAt ? PolicyStateType.RETIRED : PolicyStateType.NOT_PUBLISHED,
    controlIds: [...entity.controlIds],
    publishedVersionId: entity.publishedVersionId,
  });
}

function toFileType(entity: PolicyVersionEntity): PolicyFileType | null {
  if (!entity.fileSha256 || !entity.fileName || !entity.fileContentType || entity.fileSize === null) return null;
  return Object.assign(new PolicyFileType(), { name: entity.fileName, contentType: entity.fileContentType, sha256: entity.fileSha256, size: entity.fileSize });
}

export function toPolicyFileContentType(entity: PolicyVersionEntity): PolicyFileContentType | null {
  const file = toFileType(entity);
  if (!file || !entity.fileContent) return null;
  return Object.assign(new PolicyFileContentType(), file, { contentBase64: entity.fileContent.toString('base64') });
}

export function toPolicyVersionType(entity: PolicyVersionEntity): PolicyVersionType {
  return Object.assign(new PolicyVersionType(), {
    id: entity.id,
    policyId: entity.policyId,
    version: formatVersion(entity),
    major: entity.major,
    minor: entity.minor,
    status: entity.status as PolicyVersionStatusType,
    changeSummary: entity.changeSummary,
    body: entity.body,
    file: toFileType(entity),
    contentSha256: policyContentSha256(entity),
    authorId: entity.authorId,
    authorName: entity.authorName,
    contributorIds: entity.contributorIds,
    submittedAt: entity.submittedAt,
    submittedById: entity.submittedById,
    submittedByName: entity.submittedByName,
    returnComment: entity.returnComment,
    returnedAt: entity.returnedAt,
    returnedByName: entity.returnedByName,
    approvedById: entity.approvedById,
    approvedByName: entity.approvedByName,
    approvedAsRole: entity.approvedAsRole as PolicyApproverRoleType | null,
    approvedAt: entity.approvedAt,
    publishedAt: entity.publishedAt,
    retiredAt: entity.retiredAt,
    createdAt: entity.createdAt,
  });
}

/** controls.policy.published: the version in force and whom it addresses. */
export function toPolicyPublishedData(policy: PolicyEntity, version: PolicyVersionEntity, major: boolean): EventData<typeof PolicyPublished> {
  if (!version.publishedAt || !policy.reviewDueOn) throw new Error(`policy version ${version.id} is not published`);
  return {
    policyId: policy.id,
    versionId: version.id,
    version: formatVersion(version),
    major,
    title: policy.title,
    everyone: policy.audienceEveryone,
    unitIds: [...policy.audienceUnitIds],
    jobRoles: [...policy.audienceJobRoles],
    publishedAt: version.publishedAt.toISOString(),
    reviewDueOn: policy.reviewDueOn,
    contentSha256: policyContentSha256(version),
  };
}
