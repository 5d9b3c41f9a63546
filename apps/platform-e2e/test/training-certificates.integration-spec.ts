import { randomBytes, randomUUID } from 'node:crypto';
import { deleteTopicsWithPrefix, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { DEMO_ORGANISATION_ID } from '../../gateway/src/oidc/demo-users';
import { TrainingConfig } from '../../training-service/src/config';
import { training } from '../../training-service/src/subgraph';
import { startTestGateway, TestGateway } from './test-gateway';

/** training-service behind the real gateway: the completion certificate is fetched with the caller's own token. */
describe('gateway: completion certificates from training-service', () => {
  const prefix = uniqueTopicPrefix('certificates');
  const secret = randomBytes(32).toString('hex');
  let trainingService: TestSubgraph<TrainingConfig>;
  let gateway: TestGateway;
  const assignmentId = randomUUID();

  const download = async (email: string | null, id = assignmentId) =>
    fetch(new URL(`/training/certificates/${id}`, gateway.url), { headers: email ? { authorization: `Bearer ${await gateway.tokenFor(email)}` } : {} });

  beforeAll(async () => {
    trainingService = await startTestSubgraph(training, { topicPrefix: prefix, secret });
    gateway = await startTestGateway({ secret, subgraphUrls: { training: trainingService.url }, maxQueryDepth: 8 });
    const db = trainingService.deps.dataSource;
    const emma = randomUUID();
    const courseId = randomUUID();
    await db.query(`INSERT INTO person_replica (organisation_id, person_id, email, name, active, updated_at) VALUES ($1, $2, 'employee@demo.example', 'Emma Jones', true, now())`, [DEMO_ORGANISATION_ID, emma]);
    await db.query(`INSERT INTO course (id, organisation_id, title, kind, duration_minutes) VALUES ($1, $2, 'Security awareness', 'AWARENESS', 30)`, [courseId, DEMO_ORGANISATION_ID]);
    await db.query(`INSERT INTO course_version (organisation_id, course_id, version) VALUES ($1, $2, 1)`, [DEMO_ORGANISATION_ID, courseId]);
    await db.query(
      `INSERT INTO assignment (id, organisation_id, course_id, person_id, due_on, status, completed_at, course_version, score, attempt_count)
       VALUES ($1, $2, $3, $4, '2030-01-31', 'COMPLETED', now(), 1, 90, 1)`,
      [assignmentId, DEMO_ORGANISATION_ID, courseId, emma],
    );
  });
  afterAll(async () => {
    await gateway?.stop();
    await trainingService?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('serves the PDF to the person and the ISMS manager, and refuses another employee and a caller without a token', async () => {
    for (const email of ['employee@demo.example', 'isms.manager@demo.example']) {
      const response = await download(email);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toContain(`certificate-${assignmentId}.pdf`);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const other = await download('control.owner@demo.example');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'CERTIFICATE_NOT_FOUND' });
    const anonymous = await download(null);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(await anonymous.json())).not.toContain(trainingService.url);
  });
});
