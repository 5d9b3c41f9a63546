import { EntityManager } from 'typeorm';
import { isUUID } from 'class-validator';
import { Claims, hasAnyRole, PROGRAMME_MANAGERS } from '@iso27001/authz';
import { Envelope, EventData, NotificationRequested } from '@iso27001/contracts';
import { ServiceDeps } from '@iso27001/platform';
import { PersonReplicaEntity } from '@iso27001/org-replica';
import { TrainingConfig } from '../../config';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { notificationErrors } from './notification.errors';
import { NotificationDeliveriesArgs, SetNotificationPreferencesInput } from './notification.input';
import {
  channelEnabled,
  DEFAULT_PREFERENCES,
  DELIVERY_STATUSES,
  DeliveryStatus,
  deliveryModeOf,
  isChannel,
  isDeliveryMode,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
  Preferences,
} from './notification.rules';
import { NotificationSinkRegistry } from './sinks/notification-sink.registry';

export interface PreferencesView extends Preferences {
  personId: string;
  /** Null while the person keeps the defaults. */
  updatedAt: Date | null;
  /** Channels this installation can send on (the others are SKIPPED whatever the preference). */
  configured: NotificationChannel[];
}

export interface DeliveryRow {
  id: string;
  notificationId: string;
  personId: string;
  personName: string | null;
  channel: NotificationChannel;
  mode: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  kind: string;
  subject: string;
  dueDate: string | null;
  link: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

function preferencesOf(row: NotificationPreferenceEntity | null): Preferences {
  return row ? { email: row.emailEnabled, chat: row.chatEnabled, mode: row.mode } : { ...DEFAULT_PREFERENCES };
}

/** Requested notifications (once per dedupe key), the people's preferences and the delivery log. */
export class NotificationService {
  constructor(
    private readonly deps: ServiceDeps<TrainingConfig>,
    private readonly sinks: NotificationSinkRegistry,
  ) {}

  /**
   * Records a requested notification in the consumer's transaction: nothing when its dedupe key was seen before
   * (a redelivered or re-sent event); otherwise one delivery per channel, by the person's preferences: PENDING
   * (immediate, or waiting for the day's digest), or SKIPPED with the reason (channel off, channel not configured).
   */
  async record(manager: EntityManager, envelope: Envelope<EventData<typeof NotificationRequested>>): Promise<boolean> {
    const data = envelope.data;
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO notification (organisation_id, recipient_person_id, kind, subject, body, due_date, link, dedupe_key, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (organisation_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [envelope.organisationId, data.recipientPersonId, data.kind, data.subject, data.body, data.dueDate, data.link, data.dedupeKey, envelope.id],
    );
    const notification = inserted[0];
    if (!notification) return false;
    const preferences = preferencesOf(await manager.findOne(NotificationPreferenceEntity, { where: { organisationId: envelope.organisationId, personId: data.recipientPersonId } }));
    for (const channel of NOTIFICATION_CHANNELS) {
      const skipped = !channelEnabled(preferences, channel)
        ? "turned off in the person's preferences"
        : !this.sinks.sinkFor(channel)
          ? `no ${channel.toLowerCase()} channel is configured`
          : null;
      await manager.query(
        `INSERT INTO notification_delivery (organisation_id, notification_id, person_id, channel, mode, status, last_error)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [envelope.organisationId, notification.id, data.recipientPersonId, channel, deliveryModeOf(preferences, channel), skipped ? 'SKIPPED' : 'PENDING', skipped],
      );
    }
    return true;
  }

  /** The caller's person in the replica (by the claims' e-mail), or null. */
  private async callerPerson(manager: EntityManager, claims: Claims): Promise<PersonReplicaEntity | null> {
    return manager
      .getRepository(PersonReplicaEntity)
      .createQueryBuilder('p')
      .where('p.organisation_id = :organisationId AND p.email = lower(:email)', { organisationId: claims.organisationId, email: claims.email.trim() })
      .getOne();
  }

  private view(personId: string, row: NotificationPreferenceEntity | null): PreferencesView {
    const configured = NOTIFICATION_CHANNELS.filter((channel) => this.sinks.sinkFor(channel) !== null);
    return { personId, ...preferencesOf(row), updatedAt: row?.updatedAt ?? null, configured };
  }

  async mine(claims: Claims): Promise<PreferencesView> {
    const manager = this.deps.dataSource.manager;
    const person = await this.callerPerson(manager, claims);
    if (!person) throw notificationErrors.raise('RECIPIENT_NOT_FOUND', `no person with the e-mail ${claims.email} is known to this service`);
    return this.view(person.personId, await manager.findOne(NotificationPreferenceEntity, { where: { organisationId: claims.organisationId, personId: person.personId } }));
  }

  /**
   * Sets a person's preferences: the person themself, or an admin / ISMS manager for anyone. Channels not named keep
   * their setting. Everything is checked before anything is written.
   */
  async set(claims: Claims, input: SetNotificationPreferencesInput): Promise<PreferencesView> {
    const seen = new Set<string>();
    for (const setting of input.channels) {
      if (!isChannel(setting.channel)) {
        throw notificationErrors.raise('UNKNOWN_CHANNEL', `unknown channel "${setting.channel}": the channels are ${NOTIFICATION_CHANNELS.join(', ')}`);
      }
      if (seen.has(setting.channel)) throw notificationErrors.raise('DUPLICATE_CHANNEL', `channel ${setting.channel} is named twice`);
      seen.add(setting.channel);
    }
    if (input.delivery != null && !isDeliveryMode(input.delivery)) {
      throw notificationErrors.raise('DELIVERY_MODE_INVALID', `unknown delivery "${input.delivery}": DIGEST (one e-mail a day) or IMMEDIATE`);
    }
    if (input.personId != null && !isUUID(input.personId)) throw notificationErrors.raise('RECIPIENT_NOT_FOUND', `person ${input.personId} does not exist`);
    return this.deps.dataSource.transaction(async (manager) => {
      const self = await this.callerPerson(manager, claims);
      let personId: string;
      if (input.personId == null || input.personId === self?.personId) {
        if (!self) throw notificationErrors.raise('RECIPIENT_NOT_FOUND', `no person with the e-mail ${claims.email} is known to this service`);
        personId = self.personId;
      } else {
        if (!hasAnyRole(claims, PROGRAMME_MANAGERS)) throw notificationErrors.raise('NOT_YOUR_PREFERENCES', "only the person themself (or an ISMS manager) can change a person's notification preferences");
        const target = await manager.findOne(PersonReplicaEntity, { where: { organisationId: claims.organisationId, personId: input.personId } });
        if (!target) throw notificationErrors.raise('RECIPIENT_NOT_FOUND', `person ${input.personId} does not exist`);
        personId = target.personId;
      }
      const repository = manager.getRepository(NotificationPreferenceEntity);
      const existing = await repository.findOne({ where: { organisationId: claims.organisationId, personId } });
      const current = preferencesOf(existing);
      const next: Preferences = { ...current, mode: (input.delivery as Preferences['mode'] | null) ?? current.mode };
      for (const setting of input.channels) {
        if (setting.channel === 'EMAIL') next.email = setting.enabled;
        else next.chat = setting.enabled;
      }
      const row = existing ?? repository.create({ organisationId: claims.organisationId, personId });
      Object.assign(row, { emailEnabled: next.email, chatEnabled: next.chat, mode: next.mode, updatedBy: claims.email });
      const saved = await repository.save(row);
      return this.view(personId, saved);
    });
  }

  /**
   * The delivery log, newest first: an admin or ISMS manager sees everyone's (optionally one person's), anyone else
   * only their own (nothing when they are not in the person replica).
   */
  async deliveries(claims: Claims, args: NotificationDeliveriesArgs): Promise<{ totalCount: number; nodes: DeliveryRow[] }> {
    if (args.status != null && !(DELIVERY_STATUSES as readonly string[]).includes(args.status)) {
      throw notificationErrors.raise('DELIVERY_STATUS_INVALID', `unknown status "${args.status}": ${DELIVERY_STATUSES.join(', ')}`);
    }
    if (args.personId != null && !isUUID(args.personId)) throw notificationErrors.raise('RECIPIENT_NOT_FOUND', `person ${args.personId} does not exist`);
    const manager = this.deps.dataSource.manager;
    const conditions = ['d.organisation_id = $1'];
    const parameters: unknown[] = [claims.organisationId];
    if (!hasAnyRole(claims, PROGRAMME_MANAGERS)) {
      const self = await this.callerPerson(manager, claims);
      if (!self) return { totalCount: 0, nodes: [] };
      parameters.push(self.personId);
      conditions.push(`d.person_id = $${parameters.length}`);
    }
    if (args.personId) {
      parameters.push(args.personId);
      conditions.push(`d.person_id = $${parameters.length}`);
    }
    if (args.status) {
      parameters.push(args.status);
      conditions.push(`d.status = $${parameters.length}`);
    }
    const where = conditions.join(' AND ');
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM notification_delivery d WHERE ${where}`, parameters);
    const rows = await manager.query(
      `SELECT d.id, d.notification_id AS "notificationId", d.person_id AS "personId", p.name AS "personName", d.channel, d.mode, d.status, d.attempts,
              d.last_error AS "lastError", n.kind, n.subject, to_char(n.due_date, 'YYYY-MM-DD') AS "dueDate", n.link,
              d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.sent_at AS "sentAt"
         FROM notification_delivery d
         JOIN notification n ON n.id = d.notification_id
         LEFT JOIN person_replica p ON p.organisation_id = d.organisation_id AND p.person_id = d.person_id
        WHERE ${where}
        ORDER BY d.created_at DESC, d.id
        LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
      [...parameters, args.first, args.offset],
    );
    return { totalCount: count, nodes: rows };
  }
}
