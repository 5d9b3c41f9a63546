import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AuditUnit } from '@iso27001/platform';

/** A person's notification preferences (no row: the defaults, e-mail in a daily digest). */
@AuditUnit({ via: { table: 'person_replica', key: 'personId', idColumn: 'person_id' } })
@Entity({ name: 'notification_preference' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ name: 'email_enabled', type: 'boolean' })
  emailEnabled: boolean;

  @Column({ name: 'chat_enabled', type: 'boolean' })
  chatEnabled: boolean;

  @Column({ type: 'text' })
  mode: 'DIGEST' | 'IMMEDIATE';

  /** The e-mail of who set them (the person or an ISMS manager). */
  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
