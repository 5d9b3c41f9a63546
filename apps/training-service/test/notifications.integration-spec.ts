import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Role } from '@iso27001/authz';
import { EventData, NotificationRequested, PersonUpserted } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { NOTIFICATION_DELIVERY_JOB, NOTIFICATION_DIGEST_JOB } from '../src/modules/notifications/notification.jobs';
import { training } from '../src/subgraph';

const SET = `mutation($input: SetNotificationPreferencesInput!) {
  setNotificationPreferences(input: $input) { personId delivery updatedAt channels { channel enabled configured } }
}`;
const MINE = '{ myNotificationPreferences { personId delivery updatedAt channels { channel enabled configured } } }';
const LOG = `query($personId: ID, $status: String) {
  notificationDeliveries(personId: $personId, status: $status, first: 50) { totalCount nodes { channel mode status attempts lastError subject personId personName } }
}`;

interface Person {
  id: string;
  email: string;
  name: string;
}
interface Mail {
  to: string;
  subject: string;
  text: string;
}

describe('training-service: notifications over a real SMTP server and a chat webhook', () => {
  const prefix = uniqueTopicPrefix('notifications');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;
  let smtp: SMTPServer;
  let chat: http.Server;
  const mails: Mail[] = [];
  const chats: unknown[] = [];
  /** Addresses the SMTP server refuses at RCPT TO. */
  const refused = new Set<string>();

  const unit = randomUUID();
  const person = (name: string): Person => ({ id: randomUUID(), email: `${name.toLowerCase()}@example.test`, name });
  const ivy = person('Ivy');
  const dan = person('Dan');
  const rita = person('Rita');
  const cleo = person('Cleo');
  const noah = person('Noah');
  const claimsOf = (p: Person) => testClaims([Role.Employee], { email: p.email, name: p.name });
  const manager = testClaims([Role.IsmsManager]);
  const mailsTo = (p: Person) => mails.filter((mail) => mail.to === p.email);

  function notification(p: Person, subject: string, overrides: Partial<EventData<typeof NotificationRequested>> = {}): EventData<typeof NotificationRequested> {
    return { recipientPersonId: p.id, kind: 'TRAINING_DUE_SOON', subject, body: `${subject}: please act.`, dueDate: '2027-01-15', link: '/my/training', dedupeKey: `test:${randomUUID()}`, ...overrides };
  }
  const consumed = async (eventId: string) => (await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [eventId])).length > 0;
  async function request(data: EventData<typeof NotificationRequested>, id: string = randomUUID()): Promise<string> {
    const envelope = await events.publishAs(NotificationRequested, data, { id, subjectId: randomUUID() });
    await eventually(`notification ${data.subject} consumed`, async () => (await consumed(envelope.id)) || undefined);
    return envelope.id;
  }
  async function deliveries(p: Person): Promise<{ channel: string; mode: string; status: string; attempts: number; lastError: string | null; subject: string }[]> {
    const result = await service.ok<{ notificationDeliveries: { nodes: { channel: string; mode: string; status: string; attempts: number; lastError: string | null; subject: string }[] } }>(LOG, { personId: p.id }, manager);
    return result.notificationDeliveries.nodes;
  }
  const counts = async () => {
    const [row] = await service.deps.dataSource.query(
      'SELECT (SELECT count(*) FROM notification_preference)::int AS preferences, (SELECT count(*) FROM notification)::int AS notifications, (SELECT count(*) FROM notification_delivery)::int AS deliveries',
    );
    return row as { preferences: number; notifications: number; deliveries: number };
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (refused.has(address.address)) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
            mails.push({ to: to?.value[0]?.address ?? '', subject: parsed.subject ?? '', text: parsed.text ?? '' });
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    chat = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        chats.push({ method: req.method, path: req.url, contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => chat.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const chatPort = (chat.address() as AddressInfo).port;
    service = await startTestSubgraph(training, {
      topicPrefix: prefix,
      env: {
        NOTIFICATION_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        NOTIFICATION_MAIL_FROM: 'ISMS <isms@example.test>',
        NOTIFICATION_CHAT_WEBHOOK_URL: `http://127.0.0.1:${chatPort}/hooks/isms`,
        NOTIFICATION_CHAT_ALLOW_PRIVATE: 'true',
        NOTIFICATION_RETRY_BASE_SECONDS: '0',
        NOTIFICATION_PORTAL_URL: 'https://portal.example.test',
      },
    });
    events = await TestEventPublisher.connect(prefix, 'notifications-test');
    for (const p of [ivy, dan, rita, cleo, noah]) {
      await events.publishAs(PersonUpserted, { ...p, unitId: unit, managerId: null, jobRole: 'Analyst', active: true });
    }
    await eventually('people replicated', async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM person_replica'))[0].count) === 5);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (chat ? chat.close(() => resolve()) : resolve()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('shows the defaults (e-mail, daily digest) until a person sets their own, and keeps what they set', async () => {
    const { myNotificationPreferences: before } = await service.ok<{ myNotificationPreferences: { personId: string; delivery: string; updatedAt: string | null; channels: unknown[] } }>(MINE, {}, claimsOf(noah));
    expect(before).toEqual({
      personId: noah.id,
      delivery: 'DIGEST',
      updatedAt: null,
      channels: [
        { channel: 'EMAIL', enabled: true, configured: true },
        { channel: 'CHAT', enabled: false, configured: true },
      ],
    });
    await service.ok(SET, { input: { channels: [{ channel: 'CHAT', enabled: true }], delivery: 'IMMEDIATE' } }, claimsOf(noah));
    const { myNotificationPreferences: after } = await service.ok<{ myNotificationPreferences: { delivery: string; updatedAt: string | null; channels: { channel: string; enabled: boolean }[] } }>(MINE, {}, claimsOf(noah));
    expect(after.delivery).toBe('IMMEDIATE');
    expect(after.updatedAt).not.toBeNull();
    expect(after.channels.map((c) => [c.channel, c.enabled])).toEqual([
      ['EMAIL', true],
      ['CHAT', true],
    ]);
    const trail = await service.deps.dataSource.query(
      "SELECT action, record_type, actor_email, after FROM audit_trail WHERE operation = 'setNotificationPreferences' AND action <> 'MUTATION' ORDER BY seq",
    );
    expect(trail).toEqual([expect.objectContaining({ action: 'INSERT', actor_email: noah.email, after: expect.objectContaining({ chatEnabled: true, mode: 'IMMEDIATE' }) })]);
  });

  it('sends an immediate notification as exactly one e-mail, and a redelivered or re-sent event sends no second one', async () => {
    await service.ok(SET, { input: { channels: [], delivery: 'IMMEDIATE' } }, claimsOf(ivy));
    const data = notification(ivy, 'Security awareness is due');
    const eventId = await request(data);
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    await eventually('the e-mail arrived', async () => mailsTo(ivy).length === 1 || undefined);
    expect(mailsTo(ivy)[0]).toMatchObject({ subject: 'Security awareness is due' });
    expect(mailsTo(ivy)[0]!.text).toContain('Due: 2027-01-15');
    expect(mailsTo(ivy)[0]!.text).toContain('https://portal.example.test/my/training');

    await request(data, eventId); // the same event again
    await request({ ...data, subject: 'Security awareness is due (again)' }); // a producer's retry: new event id, same dedupe key
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    expect(mailsTo(ivy)).toHaveLength(1);
    const [{ count }] = await service.deps.dataSource.query('SELECT count(*)::int AS count FROM notification WHERE dedupe_key = $1', [data.dedupeKey]);
    expect(count).toBe(1);
    const log = await deliveries(ivy);
    expect(log).toHaveLength(2);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'EMAIL', mode: 'IMMEDIATE', status: 'SENT', attempts: 1, lastError: null }),
        expect.objectContaining({ channel: 'CHAT', status: 'SKIPPED', attempts: 0, lastError: "turned off in the person's preferences" }),
      ]),
    );
  });

  it('gathers a day of notifications into ONE digest e-mail, and a second run the same day sends none', async () => {
    const subjects = ['Acceptable use policy to acknowledge', 'Phishing course due', 'Evidence for A.5.15 requested'];
    for (const [index, subject] of subjects.entries()) await request(notification(dan, subject, { dueDate: `2027-02-0${index + 1}` }));
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB); // immediate sweep: digest deliveries wait
    expect(mailsTo(dan)).toHaveLength(0);

    await service.jobs!.runJobNow(NOTIFICATION_DIGEST_JOB, { day: '2027-01-10' });
    await eventually('the digest arrived', async () => mailsTo(dan).length === 1 || undefined);
    const digest = mailsTo(dan)[0]!;
    expect(digest.subject).toBe('Your ISMS digest for 2027-01-10: 3 items');
    for (const [index, subject] of subjects.entries()) expect(digest.text).toContain(`${index + 1}. ${subject}`);

    await request(notification(dan, 'Late arrival'));
    await service.jobs!.runJobNow(NOTIFICATION_DIGEST_JOB, { day: '2027-01-10' });
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    expect(mailsTo(dan)).toHaveLength(1); // at most one digest a day
    const waiting = (await deliveries(dan)).filter((d) => d.channel === 'EMAIL' && d.status === 'PENDING');
    expect(waiting.map((d) => d.subject)).toEqual(['Late arrival']);

    await service.jobs!.runJobNow(NOTIFICATION_DIGEST_JOB, { day: '2027-01-11' });
    await eventually("the next day's digest arrived", async () => mailsTo(dan).length === 2 || undefined);
    expect(mailsTo(dan)[1]!.subject).toBe('Your ISMS digest for 2027-01-11: 1 item');
    expect((await deliveries(dan)).filter((d) => d.channel === 'EMAIL').every((d) => d.status === 'SENT')).toBe(true);
  });

  it('logs a refused delivery as FAILED with the reason, and the retry job sends it once the server accepts', async () => {
    await service.ok(SET, { input: { channels: [], delivery: 'IMMEDIATE' } }, claimsOf(rita));
    refused.add(rita.email);
    await request(notification(rita, 'Overdue: data protection course', { kind: 'TRAINING_OVERDUE' }));
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    const [failed] = (await deliveries(rita)).filter((d) => d.channel === 'EMAIL');
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(failed!.lastError).toMatch(/550/);
    expect(failed!.lastError).toMatch(/mailbox unavailable/);
    expect(mailsTo(rita)).toHaveLength(0);
    const { notificationDeliveries: failures } = await service.ok<{ notificationDeliveries: { totalCount: number } }>(LOG, { personId: rita.id, status: 'FAILED' }, manager);
    expect(failures.totalCount).toBe(1);

    refused.delete(rita.email);
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    await eventually('the retry arrived', async () => mailsTo(rita).length === 1 || undefined);
    const [sent] = (await deliveries(rita)).filter((d) => d.channel === 'EMAIL');
    expect(sent).toMatchObject({ status: 'SENT', lastError: null });
    expect(sent!.attempts).toBeGreaterThanOrEqual(2);
  });

  it('posts to the chat webhook as {text}, and a channel turned off is SKIPPED, not sent', async () => {
    await service.ok(SET, { input: { channels: [{ channel: 'CHAT', enabled: true }, { channel: 'EMAIL', enabled: false }] } }, claimsOf(cleo));
    await request(notification(cleo, 'Evidence request for A.8.13 is due', { link: '/my/evidence-requests' }));
    await service.jobs!.runJobNow(NOTIFICATION_DELIVERY_JOB);
    await service.jobs!.runJobNow(NOTIFICATION_DIGEST_JOB, { day: '2027-01-10' });
    await eventually('the chat message arrived', async () => chats.length === 1 || undefined);
    expect(chats[0]).toEqual({
      method: 'POST',
      path: '/hooks/isms',
      contentType: 'application/json',
      body: { text: 'Cleo: Evidence request for A.8.13 is due (due 2027-01-15) https://portal.example.test/my/evidence-requests' },
    });
    expect(mailsTo(cleo)).toHaveLength(0);
    const log = await deliveries(cleo);
    expect(log.find((d) => d.channel === 'CHAT')).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(log.find((d) => d.channel === 'EMAIL')).toMatchObject({ status: 'SKIPPED', attempts: 0, lastError: "turned off in the person's preferences" });
  });

  it('refuses an unknown channel, an unknown person and someone else\'s preferences with a clear error, writing nothing', async () => {
    const before = await counts();
    const unknownChannel = await service.request(SET, { input: { channels: [{ channel: 'SMS', enabled: true }] } }, claimsOf(dan));
    expect(unknownChannel.errors?.[0]).toMatchObject({ message: 'unknown channel "SMS": the channels are EMAIL, CHAT', extensions: { code: 'UNKNOWN_CHANNEL' } });
    const badMode = await service.request(SET, { input: { channels: [], delivery: 'HOURLY' } }, claimsOf(dan));
    expect(badMode.errors?.[0]?.extensions).toMatchObject({ code: 'DELIVERY_MODE_INVALID' });
    const nobody = randomUUID();
    const unknownPerson = await service.request(SET, { input: { personId: nobody, channels: [{ channel: 'EMAIL', enabled: false }] } }, manager);
    expect(unknownPerson.errors?.[0]).toMatchObject({ message: `person ${nobody} does not exist`, extensions: { code: 'RECIPIENT_NOT_FOUND' } });
    const stranger = testClaims([Role.Employee], { email: 'stranger@example.test' });
    const notInReplica = await service.request(SET, { input: { channels: [] } }, stranger);
    expect(notInReplica.errors?.[0]?.extensions).toMatchObject({ code: 'RECIPIENT_NOT_FOUND' });
    const othersPreferences = await service.request(SET, { input: { personId: ivy.id, channels: [{ channel: 'EMAIL', enabled: false }] } }, claimsOf(dan));
    expect(othersPreferences.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_YOUR_PREFERENCES' });
    expect(await counts()).toEqual(before);
    for (const error of [unknownChannel, badMode, unknownPerson, othersPreferences].map((r) => JSON.stringify(r.errors))) {
      expect(error).not.toMatch(/stack|SELECT|INSERT|at \//);
    }

    // an ISMS manager may set anyone's
    const { setNotificationPreferences } = await service.ok<{ setNotificationPreferences: { personId: string; channels: { channel: string; enabled: boolean }[] } }>(
      SET,
      { input: { personId: noah.id, channels: [{ channel: 'EMAIL', enabled: false }] } },
      manager,
    );
    expect(setNotificationPreferences.personId).toBe(noah.id);
    expect(setNotificationPreferences.channels.find((c) => c.channel === 'EMAIL')!.enabled).toBe(false);
  });

  it('shows the delivery log: an ISMS manager everyone\'s, a person only their own, an external auditor nothing', async () => {
    const all = await service.ok<{ notificationDeliveries: { totalCount: number; nodes: { personId: string }[] } }>(LOG, {}, manager);
    expect(new Set(all.notificationDeliveries.nodes.map((n) => n.personId))).toEqual(new Set([ivy.id, dan.id, rita.id, cleo.id]));
    const own = await service.ok<{ notificationDeliveries: { totalCount: number; nodes: { personId: string; personName: string }[] } }>(LOG, { personId: dan.id }, claimsOf(ivy));
    expect(own.notificationDeliveries.totalCount).toBe(0); // asking for someone else's gives nothing
    const mine = await service.ok<{ notificationDeliveries: { totalCount: number; nodes: { personId: string; personName: string }[] } }>(LOG, {}, claimsOf(ivy));
    expect(mine.notificationDeliveries.totalCount).toBe(2);
    expect(mine.notificationDeliveries.nodes.every((n) => n.personId === ivy.id && n.personName === 'Ivy')).toBe(true);
    const auditor = await service.request(LOG, {}, testClaims([Role.ExternalAuditor]));
    expect(auditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const badStatus = await service.request(LOG, { status: 'LOST' }, manager);
    expect(badStatus.errors?.[0]?.extensions).toMatchObject({ code: 'DELIVERY_STATUS_INVALID' });
  });
});
