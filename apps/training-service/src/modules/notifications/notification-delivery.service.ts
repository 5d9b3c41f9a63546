import { EntityManager } from 'typeorm';
import { ServiceDeps } from '@iso27001/platform';
import { TrainingConfig } from '../../config';
import { composeChat, composeDigest, composeImmediate, MessageItem, NotificationChannel, retryDelaySeconds, safeReason } from './notification.rules';
import { NotificationSinkRegistry } from './sinks/notification-sink.registry';

/** How many deliveries (and digests) one sweep takes at most; the next sweep takes the rest. */
const SWEEP_BATCH = 100;

interface DueDelivery {
  id: string;
  channel: NotificationChannel;
  attempts: number;
  kind: string;
  subject: string;
  body: string;
  due_date: string | null;
  link: string | null;
  email: string | null;
  name: string | null;
}

interface DueDigest {
  id: string;
  organisation_id: string;
  person_id: string;
  day: string;
  attempts: number;
  email: string | null;
  name: string | null;
}

/**
 * Sends what is due: immediate deliveries (new ones and failed ones whose back-off has passed, up to the attempt cap)
 * and the daily digests. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so replicas sweeping together never send one
 * twice; each attempt's outcome is written to the delivery log.
 */
export class NotificationDeliveryService {
  constructor(
    private readonly deps: ServiceDeps<TrainingConfig>,
    private readonly sinks: NotificationSinkRegistry,
  ) {}

  private get config(): TrainingConfig {
    return this.deps.config;
  }

  /** Sends the due immediate deliveries and retries the due digests; returns how many were sent. */
  async sweep(): Promise<{ sent: number; failed: number }> {
    const immediate = await this.sweepImmediate();
    const digests = await this.sweepDigests();
    return { sent: immediate.sent + digests.sent, failed: immediate.failed + digests.failed };
  }

  private failureUpdate(attempts: number): { nextAttemptSeconds: number | null } {
    return { nextAttemptSeconds: retryDelaySeconds(attempts, this.config.NOTIFICATION_RETRY_LIMIT, this.config.NOTIFICATION_RETRY_BASE_SECONDS) };
  }

  private async sweepImmediate(): Promise<{ sent: number; failed: number }> {
    return this.deps.dataSource.transaction(async (manager) => {
      const due: DueDelivery[] = await manager.query(
        `SELECT d.id, d.channel, d.attempts, n.kind, n.subject, n.body, to_char(n.due_date, 'YYYY-MM-DD') AS due_date, n.link, p.email, p.name
           FROM notification_delivery d
           JOIN notification n ON n.id = d.notification_id
           LEFT JOIN person_replica p ON p.organisation_id = d.organisation_id AND p.person_id = d.person_id
          WHERE d.mode = 'IMMEDIATE' AND d.status IN ('PENDING', 'FAILED') AND d.next_attempt_at <= now() AND d.attempts < $1
          ORDER BY d.next_attempt_at, d.id
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED`,
        [this.config.NOTIFICATION_RETRY_LIMIT, SWEEP_BATCH],
      );
      let sent = 0;
      let failed = 0;
      for (const delivery of due) {
        const item: MessageItem = { kind: delivery.kind, subject: delivery.subject, body: delivery.body, dueDate: delivery.due_date, link: delivery.link };
        const outcome = await this.send(delivery.channel, delivery.email, delivery.name, (to) =>
          delivery.channel === 'CHAT'
            ? { subject: item.subject, text: composeChat(this.config.NOTIFICATION_PORTAL_URL, to.name, item) }
            : composeImmediate(this.config.NOTIFICATION_PORTAL_URL, item),
        );
        if (outcome.ok) sent += 1;
        else failed += 1;
        await this.record(manager, 'notification_delivery', [delivery.id], delivery.attempts + 1, outcome);
      }
      return { sent, failed };
    });
  }

  /**
   * Opens today's digest for everyone with digest deliveries waiting, unless they already have one for the day (the
   * unique person × day keeps it to one a day), moves the waiting deliveries into it, then sends the due digests.
   */
  async runDigest(day: string): Promise<{ opened: number; sent: number; failed: number }> {
    const opened = await this.deps.dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `WITH opened AS (
           INSERT INTO notification_digest (organisation_id, person_id, day, status)
           SELECT DISTINCT organisation_id, person_id, $1::date, 'PENDING'
             FROM notification_delivery
            WHERE mode = 'DIGEST' AND status = 'PENDING' AND digest_id IS NULL
           ON CONFLICT (organisation_id, person_id, day) DO NOTHING
           RETURNING id, organisation_id, person_id
         )
         UPDATE notification_delivery d SET digest_id = o.id, updated_at = now()
           FROM opened o
          WHERE d.organisation_id = o.organisation_id AND d.person_id = o.person_id
            AND d.mode = 'DIGEST' AND d.status = 'PENDING' AND d.digest_id IS NULL
         RETURNING o.id`,
        [day],
      );
      return new Set(rows.map((row) => row.id)).size;
    });
    const { sent, failed } = await this.sweepDigests();
    return { opened, sent, failed };
  }

  private async sweepDigests(): Promise<{ sent: number; failed: number }> {
    return this.deps.dataSource.transaction(async (manager) => {
      const due: DueDigest[] = await manager.query(
        `SELECT g.id, g.organisation_id, g.person_id, to_char(g.day, 'YYYY-MM-DD') AS day, g.attempts, p.email, p.name
           FROM notification_digest g
           LEFT JOIN person_replica p ON p.organisation_id = g.organisation_id AND p.person_id = g.person_id
          WHERE g.status IN ('PENDING', 'FAILED') AND g.next_attempt_at <= now() AND g.attempts < $1
          ORDER BY g.next_attempt_at, g.id
          LIMIT $2
          FOR UPDATE OF g SKIP LOCKED`,
        [this.config.NOTIFICATION_RETRY_LIMIT, SWEEP_BATCH],
      );
      let sent = 0;
      let failed = 0;
      for (const digest of due) {
        const items: (MessageItem & { delivery_id: string })[] = await manager.query(
          `SELECT d.id AS delivery_id, n.kind, n.subject, n.body, to_char(n.due_date, 'YYYY-MM-DD') AS "dueDate", n.link
             FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
            WHERE d.digest_id = $1
            ORDER BY n.due_date NULLS LAST, n.created_at, n.id`,
          [digest.id],
        );
        if (items.length === 0) {
          await manager.query("UPDATE notification_digest SET status = 'SENT', sent_at = now(), updated_at = now() WHERE id = $1", [digest.id]);
          continue;
        }
        const outcome = await this.send('EMAIL', digest.email, digest.name, () => composeDigest(this.config.NOTIFICATION_PORTAL_URL, digest.day, items));
        if (outcome.ok) sent += 1;
        else failed += 1;
        await this.record(manager, 'notification_digest', [digest.id], digest.attempts + 1, outcome);
        await this.record(manager, 'notification_delivery', items.map((item) => item.delivery_id), digest.attempts + 1, outcome);
      }
      return { sent, failed };
    });
  }

  private async send(
    channel: NotificationChannel,
    email: string | null,
    name: string | null,
    compose: (to: { email: string; name: string }) => { subject: string; text: string },
  ): Promise<{ ok: true } | { ok: false; reason: string }> {
    const sink = this.sinks.sinkFor(channel);
    if (!sink) return { ok: false, reason: `no ${channel.toLowerCase()} channel is configured` };
    if (!email) return { ok: false, reason: 'the person is not (yet) in the person replica: no address to send to' };
    const to = { email, name: name ?? email };
    try {
      await sink.deliver({ to, ...compose(to) });
      return { ok: true };
    } catch (error) {
      this.deps.logger.warn({ channel, sink: sink.id, reason: safeReason(error) }, 'notification delivery failed');
      return { ok: false, reason: safeReason(error) };
    }
  }

  private async record(manager: EntityManager, table: 'notification_delivery' | 'notification_digest', ids: string[], attempts: number, outcome: { ok: true } | { ok: false; reason: string }): Promise<void> {
    if (outcome.ok) {
      await manager.query(`UPDATE ${table} SET status = 'SENT', attempts = $2, last_error = NULL, sent_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`, [ids, attempts]);
      return;
    }
    const { nextAttemptSeconds } = this.failureUpdate(attempts);
    // Past the cap the row stays FAILED and is never picked again (attempts = limit); next_attempt_at is kept as it was.
    await manager.query(
      `UPDATE ${table} SET status = 'FAILED', attempts = $2, last_error = $3, updated_at = now(),
              next_attempt_at = CASE WHEN $4::float8 IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $4::float8) END
        WHERE id = ANY($1::uuid[])`,
      [ids, attempts, outcome.reason, nextAttemptSeconds],
    );
  }
}
