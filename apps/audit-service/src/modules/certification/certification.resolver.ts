import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AUDIT_READERS, FINDING_JUDGES, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { CalendarArgs, CreateCertificationCycleInput, LinkCycleEngagementInput, RecommendCertificationInput, RecordCertificateInput } from './certification.input';
import { toCalendarEntryType, toCertificationCycleType } from './certification.mapper';
import { CertificationService } from './certification.service';
import { CalendarEntryType, CertificationCycleType } from './certification.type';
import { CertificationCycleEntity } from './certification.entity';

@Resolver(() => CertificationCycleType)
export class CertificationResolver {
  private readonly service: CertificationService;

  constructor(deps: ServiceDeps) {
    this.service = new CertificationService(deps);
  }

  private async toType(cycle: CertificationCycleEntity, context: RequestContext): Promise<CertificationCycleType> {
    return toCertificationCycleType(cycle, cycle.status === 'PLANNED' ? await this.service.blockers(context.claims.organisationId, cycle) : []);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, 'every cycle for internal readers; an external auditor only cycles with an engagement of their grant')
  @Query(() => [CertificationCycleType], { description: 'The certification cycles, newest first.' })
  async certificationCycles(@Ctx() context: RequestContext): Promise<CertificationCycleType[]> {
    return Promise.all((await this.service.list(context.claims)).map((cycle) => this.toType(cycle, context)));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Organisation, "engagements and cycle dates for internal readers; an external auditor only their engagement's and its cycle's")
  @Query(() => [CalendarEntryType], { description: 'The audit calendar between two dates: engagements, Stage 1 and 2, surveillance and recertification due dates, expiry.' })
  async auditCalendar(@Args() args: CalendarArgs, @Ctx() context: RequestContext): Promise<CalendarEntryType[]> {
    return (await this.service.calendar(context.claims, args)).map(toCalendarEntryType);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data: one cycle per certification of the scope in force')
  @Mutation(() => CertificationCycleType, { description: 'Starts a certification cycle for the approved ISMS scope in force.' })
  async createCertificationCycle(@Arg('input') input: CreateCertificationCycleInput, @Ctx() context: RequestContext): Promise<CertificationCycleType> {
    return this.toType(await this.service.create(input, eventContext(context)), context);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data: an engagement of the matching type, one stage of one cycle')
  @Mutation(() => CertificationCycleType, { description: 'Makes an engagement the Stage 1, Stage 2, a surveillance or the recertification audit of a cycle.' })
  async linkCycleEngagement(@Arg('input') input: LinkCycleEngagementInput, @Ctx() context: RequestContext): Promise<CertificationCycleType> {
    return this.toType(await this.service.link(input, eventContext(context)), context);
  }

  @Authorized(FINDING_JUDGES)
  @Scoped(ScopeRule.Organisation, "an auditor; an external one only with a grant for the cycle's Stage 2; refused while a major nonconformity is open")
  @Mutation(() => CertificationCycleType, { description: 'Recommends certification once Stage 1 and Stage 2 are closed and no major nonconformity is open.' })
  async recommendCertification(@Arg('input') input: RecommendCertificationInput, @Ctx() context: RequestContext): Promise<CertificationCycleType> {
    return this.toType(await this.service.recommend(input, context.claims, eventContext(context)), context);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Organisation, 'organisation data: after the recommendation')
  @Mutation(() => CertificationCycleType, { description: 'Records the certificate issued: valid three years; sets the surveillance and recertification dates.' })
  async recordCertificate(@Arg('input') input: RecordCertificateInput, @Ctx() context: RequestContext): Promise<CertificationCycleType> {
    return this.toType(await this.service.recordCertificate(input, eventContext(context)), context);
  }
}
