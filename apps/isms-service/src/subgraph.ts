import { OrgUnitUpserted, PersonUpserted, RoleAssignmentChanged, ScopeApproved } from '@iso27001/contracts';
import express from 'express';
import { SubgraphDefinition } from '@iso27001/platform';
import { configSchema, IsmsConfig } from './config';
import { IsmsInitial1764300000100 } from './migrations/1764300000100-isms-initial.migration';
import { IsmsProgramme1764300000110 } from './migrations/1764300000110-isms-programme.migration';
import { IsmsScopeApproval1764300000120 } from './migrations/1764300000120-isms-scope-approval.migration';
import { IsmsRoleAssignments1764300000135 } from './migrations/1764300000135-isms-role-assignments.migration';
import { IsmsScopeContributors1764300008200 } from './migrations/1764300008200-isms-scope-contributors.migration';
import { RoleAssignmentEntity } from './modules/access/role-assignment.entity';
import { RoleAssignmentResolver } from './modules/access/role-assignment.resolver';
import { ismsAccess } from './modules/access/role-assignment.service';
import { IsmsServiceAccounts1764300008300 } from './migrations/1764300008300-isms-service-accounts.migration';
import { ServiceAccountEntity } from './modules/service-accounts/service-account.entity';
import { serviceAccountInternalRouter } from './modules/service-accounts/service-account.internal';
import { ServiceAccountResolver } from './modules/service-accounts/service-account.resolver';
import { ContextIssueEntity, InterestedPartyEntity, ObligationEntity } from './modules/context/context.entity';
import { ContextIssueFieldsResolver, ContextResolver, ObligationFieldsResolver } from './modules/context/context.resolver';
import { ImportJobEntity, ImportJobErrorEntity } from './modules/imports/import-job.entity';
import { ImportJobResolver } from './modules/imports/import-job.resolver';
import { ObjectiveEntity, ObjectiveMeasurementEntity } from './modules/objectives/objective.entity';
import { ObjectiveResolver } from './modules/objectives/objective.resolver';
import { OrgUnitEntity } from './modules/org-units/org-unit.entity';
import { orgUnitReference } from './modules/org-units/org-unit.reference';
import { OrgUnitResolver } from './modules/org-units/org-unit.resolver';
import { PersonEntity } from './modules/people/person.entity';
import { personReference } from './modules/people/person.reference';
import { PersonResolver } from './modules/people/person.resolver';
import { CertificationPhaseEntity, CertificationProjectEntity, CertificationTaskEntity, ManagementCommitmentEntity } from './modules/plan/plan.entity';
import { CertificationTaskFieldsResolver, ManagementCommitmentFieldsResolver, PlanResolver } from './modules/plan/plan.resolver';
import { ScopeEntity } from './modules/scope/scope.entity';
import { scopeReference } from './modules/scope/scope.reference';
import { ScopeResolver } from './modules/scope/scope.resolver';
import { importJobRecovery } from './modules/imports/import-job.recovery';
import { ismsDocumentsRouter } from './modules/documents/isms-document.internal';

/** isms-service: organisation units and people, imports, ISMS scope, context, objectives and the certification plan. */
export const isms: SubgraphDefinition<IsmsConfig> = {
  name: 'isms-service',
  configSchema,
  entities: [
    OrgUnitEntity,
    PersonEntity,
    ImportJobEntity,
    ImportJobErrorEntity,
    ScopeEntity,
    ContextIssueEntity,
    InterestedPartyEntity,
    ObligationEntity,
    ObjectiveEntity,
    ObjectiveMeasurementEntity,
    CertificationProjectEntity,
    CertificationPhaseEntity,
    CertificationTaskEntity,
    ManagementCommitmentEntity,
    RoleAssignmentEntity,
    ServiceAccountEntity,
  ],
  migrations: [IsmsInitial1764300000100, IsmsProgramme1764300000110, IsmsScopeApproval1764300000120, IsmsRoleAssignments1764300000135, IsmsScopeContributors1764300008200, IsmsServiceAccounts1764300008300],
  resolvers: [
    OrgUnitResolver,
    PersonResolver,
    ImportJobResolver,
    ScopeResolver,
    ContextResolver,
    ContextIssueFieldsResolver,
    ObligationFieldsResolver,
    ObjectiveResolver,
    PlanResolver,
    CertificationTaskFieldsResolver,
    ManagementCommitmentFieldsResolver,
    RoleAssignmentResolver,
    ServiceAccountResolver,
  ],
  references: (deps) => ({ ...orgUnitReference(deps), ...personReference(deps), ...scopeReference(deps) }),
  produces: [OrgUnitUpserted, PersonUpserted, ScopeApproved, RoleAssignmentChanged],
  // It owns people, units and role assignments, so it resolves callers from its own tables.
  access: (deps) => ismsAccess(deps),
  // The gateway checks service account tokens here on every request; evidence-service fetches generated documents.
  internal: (deps) => express.Router().use(serviceAccountInternalRouter(deps), ismsDocumentsRouter(deps)),
  // Imports a restart interrupted, picked up on the job store in this service's database.
  jobs: () => [importJobRecovery()],
};
