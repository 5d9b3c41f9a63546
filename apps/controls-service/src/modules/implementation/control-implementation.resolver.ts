import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, CONTROL_IMPLEMENTERS, ScopeRule } from '@iso27001/authz';
import { eventContext, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ControlType } from '../catalogue/control.type';
import { knownPersonIds } from '../people/person.loaders';
import { personRef, PersonRefType } from '../people/person.type';
import { ControlImplementationFieldsInput, ControlImplementationPageArgs, CreateControlImplementationInput } from './control-implementation.input';
import { toControlImplementationType, toOperatingStatusType } from './control-implementation.mapper';
import { ControlImplementationService } from './control-implementation.service';
import { ControlImplementationConnectionType, ControlImplementationType, ControlOperatingStatusType } from './control-implementation.type';
import { implementationsLoader, operatingStatusLoader } from './control-implementation.loaders';
import { orgUnitRef, OrgUnitRefType } from './org-unit.type';

@Resolver(() => ControlImplementationType)
export class ControlImplementationResolver {
  private readonly service: ControlImplementationService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new ControlImplementationService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "implementations of the caller's units (sub-units included) and those they own; organisation-wide roles all")
  @Query(() => [ControlImplementationType], { description: "How controls are implemented per unit, within the caller's units; filter by control and/or unit." })
  async controlImplementations(
    @Ctx() context: RequestContext,
    @Arg('controlId', () => ID, { nullable: true }) controlId?: string | null,
    @Arg('unitId', () => ID, { nullable: true }) unitId?: string | null,
  ): Promise<ControlImplementationType[]> {
    return (await this.service.list(context.claims.organisationId, { controlId, unitId }, context.access)).map(toControlImplementationType);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "implementations of the caller's units and those they own, filtered in SQL: the total counts only those")
  @Query(() => ControlImplementationConnectionType, {
    description:
      "How controls are implemented per unit, a page at a time: in catalogue order of the controls, then by unit; filter by unit, control and status; with the total over all pages (within the caller's units).",
  })
  async controlImplementationPage(@Args() args: ControlImplementationPageArgs, @Ctx() context: RequestContext): Promise<ControlImplementationConnectionType> {
    const page = await this.service.page(context.claims.organisationId, args, context.access);
    return Object.assign(new ControlImplementationConnectionType(), { totalCount: page.totalCount, nodes: page.nodes.map(toControlImplementationType) });
  }

  @Authorized(CONTROL_IMPLEMENTERS)
  @Scoped(ScopeRule.Units, 'only in a unit the caller reaches (programme managers: any unit of the scope); otherwise OUT_OF_SCOPE, nothing written')
  @Mutation(() => ControlImplementationType, { description: 'Records how a control is implemented in a unit of the approved scope (control owners: their own units).' })
  async createControlImplementation(@Arg('input') input: CreateControlImplementationInput, @Ctx() context: RequestContext): Promise<ControlImplementationType> {
    return toControlImplementationType(await this.service.create(input, context.access, eventContext(context)));
  }

  @Authorized(CONTROL_IMPLEMENTERS)
  @Scoped(ScopeRule.Units, "an implementation of the caller's units or owned by them; otherwise OUT_OF_SCOPE, nothing written (the unit never changes)")
  @Mutation(() => ControlImplementationType)
  async updateControlImplementation(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: ControlImplementationFieldsInput,
    @Ctx() context: RequestContext,
  ): Promise<ControlImplementationType> {
    return toControlImplementationType(await this.service.update(id, input, context.access, eventContext(context)));
  }

  @Authorized(CONTROL_IMPLEMENTERS)
  @Scoped(ScopeRule.Units, "an implementation of the caller's units or owned by them; otherwise OUT_OF_SCOPE, nothing removed")
  @Mutation(() => ControlImplementationType, { description: 'Removes an implementation; returns it as it was.' })
  async deleteControlImplementation(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ControlImplementationType> {
    return toControlImplementationType(await this.service.remove(id, context.access, eventContext(context)));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, 'the unit of an implementation already allowed (a stub; isms-service names it)')
  @FieldResolver(() => OrgUnitRefType, { description: 'The organisation unit (department) the control is implemented in; isms-service resolves its name.' })
  unit(@Root() implementation: ControlImplementationType): OrgUnitRefType {
    return orgUnitRef(implementation.unitId);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Parent, 'the owner of an implementation already allowed (a stub; isms-service names the person): same roles as the implementations')
  @FieldResolver(() => PersonRefType, { nullable: true, description: 'The person accountable in the unit; isms-service resolves their name.' })
  async owner(@Root() implementation: ControlImplementationType, @Ctx() context: RequestContext): Promise<PersonRefType | null> {
    // An owner id stored before owners were checked, that names nobody isms-service knows, shows as no owner.
    return personRef((await knownPersonIds(context, this.deps, [implementation.ownerId]))[0] ?? null);
  }
}

/** The catalogue's controls as implemented: where, and whether they operate. */
@Resolver(() => ControlType)
export class ControlOperationResolver {
  constructor(private readonly deps: ServiceDeps) {}

  @Authorized(AUDIT_READERS)
  @Scoped(
    ScopeRule.Organisation,
    'one status per control for the whole organisation (evidence and findings carry no unit in this service yet); the roles of the SoA, so an employee reaching a control through a policy gets FORBIDDEN',
  )
  @FieldResolver(() => ControlOperatingStatusType)
  async operatingStatus(@Root() control: ControlType, @Ctx() context: RequestContext): Promise<ControlOperatingStatusType> {
    return toOperatingStatusType(await operatingStatusLoader(context, this.deps).load(control.id));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, "the control's implementations in the caller's units and those they own, as Query.controlImplementations (the same roles: an employee gets FORBIDDEN)")
  @FieldResolver(() => [ControlImplementationType], { description: "How the control is implemented per unit, within the caller's units." })
  async implementations(@Root() control: ControlType, @Ctx() context: RequestContext): Promise<ControlImplementationType[]> {
    return (await implementationsLoader(context, this.deps).load(control.id)).map(toControlImplementationType);
  }
}
