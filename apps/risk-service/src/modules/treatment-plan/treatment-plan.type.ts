import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RiskExportFormat {
  XLSX = 'XLSX',
  PDF = 'PDF',
}
registerEnumType(RiskExportFormat, { name: 'RiskExportFormat' });

@ObjectType('RiskTreatmentPlanAction')
export class TreatmentPlanActionType {
  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  ownerName: string | null;

  @Field()
  dueOn: string;

  @Field()
  status: string;
}

@ObjectType('RiskTreatmentPlanRow', { description: 'One treated risk of the Risk Treatment Plan (ISO/IEC 27001 6.1.3 e), from live data.' })
export class TreatmentPlanRowType {
  @Field(() => ID)
  riskId: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  ownerName: string | null;

  @Field(() => String, { nullable: true })
  ownerEmail: string | null;

  @Field(() => String, { nullable: true })
  unitId: string | null;

  @Field()
  treatment: string;

  @Field(() => String, { nullable: true })
  rationale: string | null;

  @Field(() => [String])
  controlIds: string[];

  @Field(() => [TreatmentPlanActionType])
  actions: TreatmentPlanActionType[];

  @Field(() => Int)
  inherentLikelihood: number;

  @Field(() => Int)
  inherentImpact: number;

  @Field()
  inherentLevel: string;

  @Field(() => Int, { nullable: true })
  residualLikelihood: number | null;

  @Field(() => Int, { nullable: true })
  residualImpact: number | null;

  @Field(() => String, { nullable: true })
  residualLevel: string | null;

  @Field(() => String, { nullable: true })
  acceptedByName: string | null;

  @Field(() => Date, { nullable: true })
  acceptedAt: Date | null;

  @Field()
  needsAcceptance: boolean;

  @Field()
  status: string;

  @Field(() => String, { nullable: true })
  nextReviewOn: string | null;
}

@ObjectType('RiskExportFile', { description: 'A generated document, base64-encoded.' })
export class ExportFileType {
  @Field()
  filename: string;

  @Field()
  contentType: string;

  @Field()
  base64: string;
}
