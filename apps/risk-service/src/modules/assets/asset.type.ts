import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum RiskAssetTypeValue {
  INFORMATION = 'INFORMATION',
  SOFTWARE = 'SOFTWARE',
  HARDWARE = 'HARDWARE',
  SERVICE = 'SERVICE',
  PEOPLE = 'PEOPLE',
  SITE = 'SITE',
  SUPPLIER = 'SUPPLIER',
}
registerEnumType(RiskAssetTypeValue, { name: 'RiskAssetType', description: 'Kind of asset of the inventory (A.5.9).' });

export enum RiskAssetClassification {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(RiskAssetClassification, { name: 'RiskAssetClassification', description: 'Confidentiality, integrity or availability need: LOW = 1, MEDIUM = 2, HIGH = 3.' });

export const CLASSIFICATION_VALUES: Record<RiskAssetClassification, number> = { LOW: 1, MEDIUM: 2, HIGH: 3 };
export const CLASSIFICATION_BY_VALUE: Record<number, RiskAssetClassification> = { 1: RiskAssetClassification.LOW, 2: RiskAssetClassification.MEDIUM, 3: RiskAssetClassification.HIGH };

@ObjectType('RiskAsset', { description: 'An asset of the inventory with its owner, unit and CIA classification.' })
@Directive('@key(fields: "id")')
export class AssetType {
  @Field(() => ID)
  id: string;

  @Field(() => RiskAssetTypeValue)
  type: RiskAssetTypeValue;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => RiskAssetClassification)
  confidentiality: RiskAssetClassification;

  @Field(() => RiskAssetClassification)
  integrity: RiskAssetClassification;

  @Field(() => RiskAssetClassification)
  availability: RiskAssetClassification;

  @Field(() => Int, { description: 'The highest of the three (1..3).' })
  criticality: number;

  @Field()
  updatedAt: Date;

  ownerId: string | null;
  unitId: string | null;
}

@ObjectType('RiskAssetConnection')
export class AssetConnectionType {
  @Field(() => [AssetType])
  nodes: AssetType[];

  @Field(() => Int)
  totalCount: number;
}
