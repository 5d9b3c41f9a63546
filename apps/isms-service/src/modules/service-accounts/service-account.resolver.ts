import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { credentialStatus, ROLE_ADMINISTRATORS, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { PlatformRoleType } from '../access/role-assignment.type';
import { toOrgUnitType } from '../org-units/org-unit.mapper';
import { orgUnitLoader } from '../org-units/org-unit.reference';
import { OrgUnitType } from '../org-units/org-unit.type';
import { ServiceAccountEntity } from './service-account.entity';
import { CreateServiceAccountInput } from './service-account.input';
import { ServiceAccountService } from './service-account.service';
import { ServiceAccountStatusType, ServiceAccountTokenType, ServiceAccountType } from './service-account.type';

function toType(entity: ServiceAccountEntity): ServiceAccountType {
  return Object.assign(new ServiceAccountType(), {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    roles: entity.roles.map((role) => role as PlatformRoleType),
    unitIds: entity.unitIds,
    tokenPrefix: entity.tokenPrefix,
    expiresAt: entity.expiresAt,
    lastUsedAt: entity.lastUsedAt,
    status: credentialStatus(entity) as ServiceAccountStatusType,
    createdBy: entity.createdByName,
    createdAt: entity.createdAt,
    rotatedAt: entity.rotatedAt,
    revokedAt: entity.revokedAt,
    revokedBy: entity.revokedByName,
  });
}

@Resolver(() => ServiceAccountType)
export class ServiceAccountResolver {
  private readonly service: ServiceAccountService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new ServiceAccountService(deps);
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, "the organisation's service accounts (administrators); tokens are never shown again")
  @Query(() => [ServiceAccountType], { description: 'Service accounts, newest first, with their roles, units, expiry and last use.' })
  async serviceAccounts(@Ctx() context: RequestContext): Promise<ServiceAccountType[]> {
    return (await this.service.list(context.claims.organisationId)).map(toType);
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, 'administrators create service accounts of the organisation')
  @Mutation(() => ServiceAccountTokenType, { description: 'Creates a service account and returns its token, this once.' })
  async createServiceAccount(@Arg('input') input: CreateServiceAccountInput, @Ctx() context: RequestContext): Promise<ServiceAccountTokenType> {
    const { token, account } = await this.service.create(context.claims.organisationId, input, context.claims.name);
    return { token, account: toType(account) };
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, 'administrators rotate any service account of the organisation')
  @Mutation(() => ServiceAccountTokenType, { description: 'Gives a service account a new token (returned this once); the old one is refused from the next request.' })
  async rotateServiceAccountToken(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ServiceAccountTokenType> {
    const { token, account } = await this.service.rotate(context.claims.organisationId, id);
    return { token, account: toType(account) };
  }

  @Authorized(ROLE_ADMINISTRATORS)
  @Scoped(ScopeRule.Organisation, 'administrators revoke any service account of the organisation')
  @Mutation(() => ServiceAccountType, { description: 'Revokes a service account: its token is refused from the next request.' })
  async revokeServiceAccount(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ServiceAccountType> {
    return toType(await this.service.revoke(context.claims.organisationId, id, context.claims.name));
  }

  @Scoped(ScopeRule.Parent, "the service account's units (names)")
  @FieldResolver(() => [OrgUnitType])
  async units(@Root() account: ServiceAccountType, @Ctx() context: RequestContext): Promise<OrgUnitType[]> {
    const units = await orgUnitLoader(this.deps, context).loadMany(account.unitIds);
    return units.flatMap((unit) => (unit && !(unit instanceof Error) ? [toOrgUnitType(unit)] : []));
  }
}
