import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Training assignments as training-service's events state them (latest event wins), for the awareness collector. */
@Entity({ name: 'training_assignment_replica' })
export class TrainingAssignmentReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  status: 'ASSIGNED' | 'IN_PROGRESS' | 'COMPLETED' | 'OVERDUE' | 'EXEMPT' | 'WITHDRAWN';

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** Policy acknowledgements as training-service's events record them. */
@Entity({ name: 'policy_acknowledgement_replica' })
export class PolicyAcknowledgementReplicaEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'acknowledgement_id', type: 'uuid' })
  acknowledgementId: string;

  @Column({ name: 'policy_id', type: 'uuid' })
  policyId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'acknowledged_at', type: 'timestamptz' })
  acknowledgedAt: Date;
}
