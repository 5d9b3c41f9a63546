import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_READERS, EVIDENCE_MANAGERS, INTERNAL_READERS, PROGRAMME_MANAGERS, ScopeRule } from '@iso27001/authz';
import { eventContext, InternalOnly, PageArgs, RequestContext, Scoped, ServiceDeps } from '@iso27001/platform';
import { ControlRefType } from '../controls/control.type';
import { orgUnitRef, OrgUnitRefType } from '../units/org-unit.type';
import { AddEvidenceInput, AddEvidenceVersionInput, EvidenceItemsArgs, ExpiringEvidenceArgs, MapEvidenceInput, ReviewEvidenceInput } from './evidence-item.input';
import { evidenceHistoryLoader, evidenceVersionsLoader } from './evidence-item.loaders';
import { NO_MAPPINGS, toEvidenceHistoryEntryType, toEvidenceItemType, toEvidenceVersionType } from './evidence-item.mapper';
import { Caller, EvidenceItemService, EvidencePage } from './evidence-item.service';
import { EvidenceHistoryEntryType, EvidenceItemConnectionType, EvidenceItemType, EvidenceVersionType } from './evidence-item.type';

function callerOf(context: RequestContext): Caller {
  return { claims: context.claims, access: context.access };
}

function connection(page: EvidencePage): EvidenceItemConnectionType {
  return Object.assign(new EvidenceItemConnectionType(), {
    totalCount: page.totalCount,
    nodes: page.nodes.map((node) => toEvidenceItemType(node, page.mappings.get(node.id) ?? NO_MAPPINGS)),
  });
}

const READ_RULE =
  "organisation-wide readers all items; control owners, risk owners and service accounts their units' (sub-units included); an external auditor accepted items of the grant's units whose period overlaps the grant's; filtered in SQL, so totals count only those";

@Resolver(() => EvidenceItemType)
export class EvidenceItemResolver {
  private readonly service: EvidenceItemService;

  constructor(private readonly deps: ServiceDeps) {
    this.service = new EvidenceItemService(deps);
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, READ_RULE)
  @Query(() => EvidenceItemConnectionType, {
    description: 'Evidence, most recently collected first, a page at a time; filter by control, clause, unit, status, source, validity ending before a day, or words.',
  })
  async evidenceItems(@Args() args: EvidenceItemsArgs, @Ctx() context: RequestContext): Promise<EvidenceItemConnectionType> {
    return connection(await this.service.page(callerOf(context), args.filter, args));
  }

  @Authorized(AUDIT_READERS)
  @Scoped(ScopeRule.Units, `${READ_RULE}; an item outside them reads as null`)
  @Query(() => EvidenceItemType, { nullable: true, description: 'One evidence item with its versions, mappings and history.' })
  async evidenceItem(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<EvidenceItemType | null> {
    const item = await this.service.one(callerOf(context), id);
    if (!item) return null;
    return toEvidenceItemType(item, (await this.service.mappingsOf(item.organisationId, [item.id])).get(item.id) ?? NO_MAPPINGS);
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Units, "collected evidence awaiting review within the caller's units (organisation-wide roles: all), oldest first")
  @Query(() => EvidenceItemConnectionType, { description: 'Collected evidence awaiting review, oldest first.' })
  async reviewQueue(@Args() page: PageArgs, @Ctx() context: RequestContext): Promise<EvidenceItemConnectionType> {
    return connection(await this.service.reviewQueue(callerOf(context), page));
  }

  @Authorized(INTERNAL_READERS)
  @Scoped(ScopeRule.Units, "approved evidence within the caller's units (organisation-wide roles: all) whose validity ends within the given days")
  @Query(() => EvidenceItemConnectionType, { description: 'Approved evidence whose validity ends within `withinDays` days (or has ended, before the expiry job ran), soonest first.' })
  async expiringEvidence(@Args() args: ExpiringEvidenceArgs, @Ctx() context: RequestContext): Promise<EvidenceItemConnectionType> {
    return connection(await this.service.expiring(callerOf(context), args.withinDays, args));
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Units, 'only into a unit the caller reaches (programme managers: any unit); otherwise OUT_OF_SCOPE, nothing written')
  @Mutation(() => EvidenceItemType, { description: 'Collects evidence in a department: its first version and the controls and clauses it supports (at least one).' })
  async addEvidence(@Arg('input') input: AddEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    const { item, mappings } = await this.service.add(input, callerOf(context), eventContext(context));
    return toEvidenceItemType(item, mappings);
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Units, "an item of the caller's units; otherwise OUT_OF_SCOPE, nothing written")
  @Mutation(() => EvidenceItemType, { description: 'A new version supersedes the current one (kept as history); the item awaits review again.' })
  async addEvidenceVersion(@Arg('input') input: AddEvidenceVersionInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    const { item, mappings } = await this.service.addVersion(input, callerOf(context), eventContext(context));
    return toEvidenceItemType(item, mappings);
  }

  @Authorized(PROGRAMME_MANAGERS)
  @Scoped(ScopeRule.Units, 'programme managers reach every unit; never a version the caller collected (SELF_APPROVAL)')
  @Mutation(() => EvidenceItemType, { description: 'Accepts (APPROVED) or rejects, with a reason, the current version; nobody reviews evidence they collected.' })
  async reviewEvidence(@Arg('input') input: ReviewEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    const { item, mappings } = await this.service.review(input, callerOf(context), eventContext(context));
    return toEvidenceItemType(item, mappings);
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Units, "an item of the caller's units; otherwise OUT_OF_SCOPE, nothing written")
  @Mutation(() => EvidenceItemType, { description: 'Maps an item to more Annex A controls and clause requirements.' })
  async mapEvidence(@Arg('input') input: MapEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    const { item, mappings } = await this.service.map(input, callerOf(context), eventContext(context));
    return toEvidenceItemType(item, mappings);
  }

  @Authorized(EVIDENCE_MANAGERS)
  @Scoped(ScopeRule.Units, "an item of the caller's units; otherwise OUT_OF_SCOPE, nothing written; the last mapping stays (LAST_MAPPING)")
  @Mutation(() => EvidenceItemType, { description: 'Removes mappings from an item; it keeps at least one.' })
  async unmapEvidence(@Arg('input') input: MapEvidenceInput, @Ctx() context: RequestContext): Promise<EvidenceItemType> {
    const { item, mappings } = await this.service.unmap(input, callerOf(context), eventContext(context));
    return toEvidenceItemType(item, mappings);
  }

  @Scoped(ScopeRule.Parent, 'the unit of an item already allowed (a stub; isms-service names it)')
  @FieldResolver(() => OrgUnitRefType, { nullable: true, description: 'The department the evidence belongs to.' })
  unit(@Root() item: EvidenceItemType): OrgUnitRefType | null {
    return item.unitId ? orgUnitRef(item.unitId) : null;
  }

  @Scoped(ScopeRule.Parent, 'the catalogue controls of an item already allowed (stubs)')
  @FieldResolver(() => [ControlRefType], { description: 'The Annex A controls the evidence supports.' })
  controls(@Root() item: EvidenceItemType): ControlRefType[] {
    return item.controlIds.map((id) => Object.assign(new ControlRefType(), { id }));
  }

  @Scoped(ScopeRule.Parent, 'the versions of an item already allowed, newest first; an external auditor only the accepted ones')
  @FieldResolver(() => [EvidenceVersionType], { description: 'Every version, newest first (the first is current).' })
  async versions(@Root() item: EvidenceItemType, @Ctx() context: RequestContext): Promise<EvidenceVersionType[]> {
    return (await evidenceVersionsLoader(this.deps, context).load(item.id)).map(toEvidenceVersionType);
  }

  @Scoped(ScopeRule.Parent, 'the history of an item already allowed')
  @InternalOnly('who changed what on internal evidence, including rejections and their reasons')
  @FieldResolver(() => [EvidenceHistoryEntryType], { nullable: true, description: 'What happened to the item, oldest first.' })
  async history(@Root() item: EvidenceItemType, @Ctx() context: RequestContext): Promise<EvidenceHistoryEntryType[]> {
    return (await evidenceHistoryLoader(this.deps, context).load(item.id)).map(toEvidenceHistoryEntryType);
  }
}
