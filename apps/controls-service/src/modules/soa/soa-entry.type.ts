import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ControlType } from '../catalogue/control.type';

export enum SoaReasonType {
  RISK_TREATMENT = 'RISK_TREATMENT',
  LEGAL = 'LEGAL',
  CONTRACTUAL = 'CONTRACTUAL',
  BUSINESS = 'BUSINESS',
}
registerEnumType(SoaReasonType, {
  name: 'SoaReason',
  description: 'Why a control is included: risk treatment, or a legal, contractual or business requirement.',
});

export enum ImplementationStatusType {
  NOT_STARTED = 'NOT_STARTED',
  PLANNED = 'PLANNED',
  PARTIALLY_IMPLEMENTED = 'PARTIALLY_IMPLEMENTED',
  IMPLEMENTED = 'IMPLEMENTED',
}
registerEnumType(ImplementationStatusType, { name: 'ImplementationStatus' });

@ObjectType('SoaEntry', { description: 'One row of the Statement of Applicability: an Annex A control and the decision on it.' })
export class SoaEntryType {
  @Field(() => ControlType)
  control: ControlType;

  @Field()
  applicable: boolean;

  @Field(() => [SoaReasonType])
  reasons: SoaReasonType[];

  @Field(() => String, { nullable: true, description: 'Why the control is excluded (required then) or, optionally, included.' })
  justification: string | null;

  @Field(() => [ID], { description: 'The risks whose MODIFY treatment relies on this control.' })
  riskIds: string[];

  @Field(() => ImplementationStatusType)
  implementationStatus: ImplementationStatusType;

  @Field(() => [ID], { description: 'Policies (controls-service policy ids) that govern the control.' })
  policyIds: string[];

  @Field(() => [ID], { description: 'Evidence items (evidence-service ids) that show the control operates.' })
  evidenceIds: string[];

  /** Not in the schema: resolved to the `owner` / `owners` stubs (the lead owner first). */
  ownerIds: string[];
}
