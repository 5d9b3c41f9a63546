import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EvidenceItemType } from '../evidence/evidence-item.type';

export enum Stage1ArtefactStatusType {
  MISSING = 'MISSING',
  DRAFT = 'DRAFT',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(Stage1ArtefactStatusType, {
  name: 'Stage1ArtefactStatus',
  description:
    'MISSING (no evidence mapped to its clauses or controls), DRAFT (evidence collected, none accepted and valid), ACCEPTED (accepted and still valid), EXPIRED (accepted once, validity ended).',
});

export enum Stage1GenerationOutcomeType {
  CREATED = 'CREATED',
  NEW_VERSION = 'NEW_VERSION',
  UNCHANGED = 'UNCHANGED',
  NO_DATA = 'NO_DATA',
  FAILED = 'FAILED',
}
registerEnumType(Stage1GenerationOutcomeType, {
  name: 'Stage1GenerationOutcome',
  description: 'CREATED (first version), NEW_VERSION (the data changed: a new dated version), UNCHANGED (same bytes as the current version: nothing recorded), NO_DATA (nothing to generate it from yet), FAILED (it could not be generated now: see errorCode and errorMessage; nothing was written for it).',
});

@ObjectType('Stage1ControlCounts', { description: 'EV-17: how the applicable Annex A controls stand.' })
export class Stage1ControlCountsType {
  @Field(() => Int) applicable: number;
  @Field(() => Int, { description: 'Controls with accepted, valid evidence.' }) accepted: number;
  @Field(() => Int) draft: number;
  @Field(() => Int) expired: number;
  @Field(() => Int) missing: number;
}

@ObjectType('Stage1PackItem', { description: 'One of the 17 evidence artefacts of the Stage 1 pack and its status.' })
export class Stage1PackItemType {
  @Field({ description: '`EV-01` … `EV-17`.' }) artefactId: string;
  @Field() title: string;
  @Field(() => [String], { description: 'Clause and Annex A ids the artefact is evidence for.' }) serves: string[];
  @Field(() => Stage1ArtefactStatusType) status: Stage1ArtefactStatusType;
  @Field({ description: 'Whether the platform generates this artefact from data it holds (otherwise it is uploaded).' }) generated: boolean;
  @Field(() => [String], { description: 'The generated documents that are this artefact.' }) documents: string[];
  @Field(() => [EvidenceItemType], { description: 'Evidence mapped to the artefact that the caller may read.' }) evidence: EvidenceItemType[];
  @Field(() => Stage1ControlCountsType, { nullable: true, description: 'EV-17 only.' }) controls: Stage1ControlCountsType | null;
}

@ObjectType('Stage1Pack', { description: 'The Stage 1 document pack of an approved ISMS scope version: the checklist of the 17 artefacts.' })
export class Stage1PackType {
  @Field(() => ID) scopeVersionId: string;
  @Field(() => Int) scopeVersion: number;
  @Field() approvedAt: Date;
  @Field({ description: '`YYYY-MM-DD`: the day freshness is judged on.' }) asOf: string;
  @Field({ description: 'Whether EV-17 counts the controls applicable in the SoA (false: no SoA yet, all 93 count).' }) applicabilityKnown: boolean;
  @Field(() => Int) acceptedCount: number;
  @Field(() => [Stage1PackItemType]) items: Stage1PackItemType[];
}

@ObjectType('Stage1GeneratedDocument', { description: 'What became of one document the platform generates.' })
export class Stage1GeneratedDocumentType {
  @Field() document: string;
  @Field(() => String, { nullable: true, description: 'The Stage 1 artefact it is, if any.' }) artefactId: string | null;
  @Field(() => Stage1GenerationOutcomeType) outcome: Stage1GenerationOutcomeType;
  @Field(() => ID, { nullable: true }) evidenceId: string | null;
  @Field(() => Int, { nullable: true }) versionNumber: number | null;
  @Field(() => String, { nullable: true }) sha256: string | null;
  @Field(() => String, { nullable: true, description: 'FAILED: the error code (DOCUMENT_SOURCE_UNAVAILABLE, ROOT_UNIT_UNKNOWN…).' }) errorCode: string | null;
  @Field(() => String, { nullable: true, description: 'FAILED: what went wrong, for the caller.' }) errorMessage: string | null;
}

@ObjectType('Stage1Generation', { description: 'The documents generated for the Stage 1 pack, and the artefacts that stay manual.' })
export class Stage1GenerationType {
  @Field(() => [Stage1GeneratedDocumentType]) documents: Stage1GeneratedDocumentType[];
  @Field(() => [String], { description: 'Artefacts the platform generated a version of, or holds unchanged.' }) generatedArtefacts: string[];
  @Field(() => [String], { description: 'Artefacts that stay manual (uploaded by people): those with no generated document, or no data yet.' }) manualArtefacts: string[];
}
