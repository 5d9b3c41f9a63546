import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { eventContext, RequestContext, ServiceDeps } from '@iso27001/platform';
import { personRef, PersonRefType } from '../people/person.type';
import { SetControlApplicabilityInput } from './soa-entry.input';
import { toStatementOfApplicability, toStoredSoaEntryType } from './soa-entry.mapper';
import { SoaEntryService } from './soa-entry.service';
import { SoaEntryType } from './soa-entry.type';

@Resolver(() => SoaEntryType)
export class SoaEntryResolver {
  private readonly service: SoaEntryService;

  constructor(deps: ServiceDeps) {
    this.service = new SoaEntryService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Query(() => [SoaEntryType], { description: 'The Statement of Applicability: all 93 Annex A controls in catalogue order.' })
  async statementOfApplicability(@Ctx() context: RequestContext): Promise<SoaEntryType[]> {
    return toStatementOfApplicability(await this.service.list(context.claims.organisationId));
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Mutation(() => SoaEntryType, { description: 'Includes a control (with a reason) or excludes it (with a justification).' })
  async setControlApplicability(@Arg('input') input: SetControlApplicabilityInput, @Ctx() context: RequestContext): Promise<SoaEntryType> {
    return toStoredSoaEntryType(await this.service.setApplicability(input, eventContext(context)));
  }

  @FieldResolver(() => PersonRefType, { nullable: true })
  owner(@Root() entry: SoaEntryType): PersonRefType | null {
    return personRef(entry.ownerId);
  }
}
