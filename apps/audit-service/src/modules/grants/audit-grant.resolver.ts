import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_GRANT_READERS, credentialStatus, PROGRAMME_MANAGERS, Role, ScopeRule } from '@iso27001/authz';
import { RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { toEngagementType } from '../engagements/engagement.mapper';
import { EngagementService } from '../engagements/engagement.service';
import { EngagementType } from '../engagements/engagement.type';
import { AuditGrantEntity } from './audit-grant.entity';
import { AccessLogArgs, AuditGrantsArgs, GrantAuditorAccessInput } from './audit-grant.input';
import { Actor, AuditGrantService } from './audit-grant.service';
import { AuditGrantStatusType, AuditGrantType, AuditorAccessLogPageType, AuditorInvitationType } from './audit-grant.type';

function actorOf(context: RequestContext): Actor {
  return { sub: context.claims.sub, name: context.claims.name, email: context.claims.email };
}

@Resolver(() => AuditGrantType)
export class AuditGrantResolver {
  private readonly service: AuditGrantService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new AuditGrantService(deps);
  }

  private async toType(organisationId: string, grants: AuditGrantEntity[]): Promise<AuditGrantType[]> {
    const names = await this.service.unitNames(organisationId, grants.flatMap((grant) => grant.unitIds));
    return grants.map((grant) =>
      Object.assign(new AuditGrantType(), {
        id: grant.id,
        engagementId: grant.engagementId,
        auditorName: grant.auditorName,
        auditorEmail: grant.auditorEmail,
        firm: grant.firm,
        unitIds: grant.unitIds,
        unitNames: grant.unitIds.map((id) => names.get(id) ?? id),
        periodStart: grant.periodStart,
        periodEnd: grant.periodEnd,
        expiresAt: grant.expiresAt,
        status: credentialStatus(grant) as AuditGrantStatusType,
        grantedBy: grant.grantedByName,
        grantedAt: grant.grantedAt,
        revokedBy: grant.revokedByName,
        revokedAt: grant.revokedAt,
        lastUsedAt: grant.lastUsedAt,
        invitationExpiresAt: grant.invitationExpiresAt,
      }),
    );
  }

  @Authorized(AUDIT_GRANT_READERS)
  @Scoped(ScopeRule.Organisation, "external auditors' grants of the organisation, newest first (programme management and internal audit read all)")
  @Query(() => [AuditGrantType], { description: "External auditors' grants, newest first; filter by engagement." })
  async auditGrants(@Args() { engagementId }: AuditGrantsArgs, @Ctx() context: RequestContext): Promise<AuditGrantType[]> {
    return this.toType(context.claims.organisationId, await this.service.list(context.claims.organisationId, engagementId));
  }

  @Authorized([Role.ExternalAuditor])
  @Scoped(ScopeRule.Caller, "the grant the external auditor's request is bound to")
  @Query(() => AuditGrantType, { nullable: true, description: 'The grant an external auditor works under: engagement, units, period, expiry.' })
  async myAuditGrant(@Ctx() context: RequestContext): Promise<AuditGrantType | null> {
    const { grantId, organisationId } = context.claims;
    if (!grantId) return null;
    const [grant] = await this.toType(organisationId, [await this.service.get(organisationId, grantId)]);
    return grant ?? null;
  }

  @Authorized(AUDIT_GRANT_READERS)
  @Scoped(ScopeRule.Organisation, "the append-only log of a grant's use: sign-ins, requests, downloads, refusals, newest first")
  @Query(() => AuditorAccessLogPageType, { description: 'What an external auditor did under a grant, newest first.' })
  async auditorAccessLog(@Args() { grantId, first, offset }: AccessLogArgs, @Ctx() context: RequestContext): Promise<AuditorAccessLogPageType> {
    await this.service.get(context.claims.organisationId, grantId);
    return this.service.accessLog(context.claims.organisationId, grantId, first, offset);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers give access to one engagement of the organisation; never to themselves')
  @Mutation(() => AuditGrantType, { description: 'Gives an external auditor access to one engagement: units in scope, observation period, expiry.' })
  async grantAuditorAccess(@Arg('input') input: GrantAuditorAccessInput, @Ctx() context: RequestContext): Promise<AuditGrantType> {
    const grant = await this.service.grant(context.claims.organisationId, input, actorOf(context));
    return (await this.toType(context.claims.organisationId, [grant]))[0] as AuditGrantType;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, "programme managers revoke any of the organisation's grants; it counts from the auditor's next request")
  @Mutation(() => AuditGrantType, { description: "Revokes a grant: the auditor's next request is refused." })
  async revokeAuditorAccess(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AuditGrantType> {
    const grant = await this.service.revoke(context.claims.organisationId, id, actorOf(context));
    return (await this.toType(context.claims.organisationId, [grant]))[0] as AuditGrantType;
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'programme managers invite the auditor of a grant of the organisation')
  @Mutation(() => AuditorInvitationType, { description: 'A one-time invitation for the auditor (valid three days, never beyond the grant); a new one replaces an unused one.' })
  async inviteAuditor(@Arg('grantId', () => ID) grantId: string, @Ctx() context: RequestContext): Promise<AuditorInvitationType> {
    const { code, expiresAt, grant } = await this.service.invite(context.claims.organisationId, grantId);
    return { code, expiresAt, grant: (await this.toType(context.claims.organisationId, [grant]))[0] as AuditGrantType };
  }

  @Scoped(ScopeRule.Parent, 'the engagement of a grant the caller reads')
  @FieldResolver(() => EngagementType, { nullable: true })
  async engagement(@Root() grant: AuditGrantType, @Ctx() context: RequestContext): Promise<EngagementType | null> {
    const [engagement] = await new EngagementService(this.deps).byIds(context.claims.organisationId, [grant.engagementId]);
    return engagement ? toEngagementType(engagement) : null;
  }
}
