import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CertificationTaskStatusType {
  TODO = 'TODO',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  BLOCKED = 'BLOCKED',
}
registerEnumType(CertificationTaskStatusType, { name: 'CertificationTaskStatus' });

@ObjectType('CertificationProgress')
export class CertificationProgressType {
  @Field(() => Int)
  done: number;

  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: '0-100' })
  percent: number;
}

@ObjectType('CertificationTask')
export class CertificationTaskType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  phaseId: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ID, { nullable: true })
  ownerId: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate: string | null;

  @Field(() => CertificationTaskStatusType)
  status: CertificationTaskStatusType;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  @Field({ description: 'Not done and past its due date (today, UTC).' })
  overdue: boolean;
}

@ObjectType('CertificationPhase')
export class CertificationPhaseType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'PLAN, SCOPE, RISK_AND_GAP, POLICIES_AND_CONTROLS, TRAINING, EVIDENCE, CERTIFICATION_AUDIT, CONTINUOUS_COMPLIANCE' })
  key: string;

  @Field()
  name: string;

  @Field(() => Int)
  position: number;

  @Field(() => [CertificationTaskType])
  tasks: CertificationTaskType[];

  @Field(() => CertificationProgressType)
  progress: CertificationProgressType;
}

@ObjectType('CertificationProject', { description: 'The certification project plan: eight phases in order, their tasks and progress.' })
export class CertificationProjectType {
  @Field(() => ID)
  id: string;

  @Field()
  startedBy: string;

  @Field(() => Date)
  startedAt: Date;

  @Field(() => [CertificationPhaseType])
  phases: CertificationPhaseType[];

  @Field(() => CertificationProgressType)
  progress: CertificationProgressType;
}

@ObjectType('ManagementCommitment', { description: 'A recorded decision of top management committing to the ISMS (clause 5.1).' })
export class ManagementCommitmentType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  sponsorPersonId: string;

  @Field()
  decision: string;

  @Field({ description: 'YYYY-MM-DD' })
  decidedOn: string;

  @Field()
  recordedBySub: string;

  @Field()
  recordedByName: string;

  @Field(() => Date)
  recordedAt: Date;
}
