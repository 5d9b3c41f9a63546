import { DataSource } from 'typeorm';
import { CLAIMS_HEADER, signInternalToken } from '@iso27001/authz';
import { ACCESS_LOG_HOST, AccessDay, AccessLogHost } from './builtin/access-log.collector';
import { AcknowledgementFigures, CourseFigures, TRAINING_HOST, TrainingFiguresHost } from './builtin/training.collector';
import { HTTP_POLICY_HOST, HttpPolicyHost } from './builtin/http-json.collector';

/** Reads of the training replica for the awareness collector: one grouped query each. */
export function trainingFigures(dataSource: DataSource): TrainingFiguresHost {
  return {
    async courseFigures(organisationId: string): Promise<CourseFigures[]> {
      // Owed: assigned, started or overdue; exempt and withdrawn work is owed by nobody and counts in no rate. Overdue
      // by the due date as well as by the recorded status, so work past due before the overdue job ran counts.
      const rows: { course_id: string; assigned: string; completed: string; overdue: string; exempt: string }[] = await dataSource.query(
        `SELECT course_id,
                count(*) FILTER (WHERE status NOT IN ('EXEMPT', 'WITHDRAWN')) AS assigned,
                count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
                count(*) FILTER (WHERE status = 'OVERDUE' OR (status IN ('ASSIGNED', 'IN_PROGRESS') AND due_on < (now() AT TIME ZONE 'UTC')::date)) AS overdue,
                count(*) FILTER (WHERE status = 'EXEMPT') AS exempt
           FROM training_assignment_replica WHERE organisation_id = $1 GROUP BY course_id ORDER BY course_id`,
        [organisationId],
      );
      return rows.map((row) => ({
        courseId: row.course_id,
        assigned: Number(row.assigned),
        completed: Number(row.completed),
        overdue: Number(row.overdue),
        exempt: Number(row.exempt),
      }));
    },
    async acknowledgementFigures(organisationId: string, from: Date, to: Date): Promise<AcknowledgementFigures[]> {
      const rows: { policy_id: string; version: string; acknowledgements: string; people: string }[] = await dataSource.query(
        `SELECT policy_id, version, count(*) AS acknowledgements, count(DISTINCT person_id) AS people
           FROM policy_acknowledgement_replica WHERE organisation_id = $1 AND acknowledged_at >= $2 AND acknowledged_at <= $3
          GROUP BY policy_id, version ORDER BY policy_id, version`,
        [organisationId, from, to],
      );
      return rows.map((row) => ({ policyId: row.policy_id, version: row.version, acknowledgements: Number(row.acknowledgements), people: Number(row.people) }));
    },
  };
}

/** The gateway's daily access figures, from its internal endpoint (signed with the platform's internal token). */
export function gatewayAccessLog(gatewayUrl: string, secret: string): AccessLogHost {
  return {
    async daily(organisationId: string, from: string, to: string, signal: AbortSignal): Promise<AccessDay[]> {
      const address = new URL('/internal/access-log/daily', gatewayUrl);
      let response: Response;
      try {
        response = await fetch(address, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signInternalToken(secret) },
          body: JSON.stringify({ organisationId, from, to }),
          signal,
        });
      } catch {
        throw new Error('the gateway did not answer for its access log');
      }
      if (response.status !== 200) throw new Error(`the gateway answered ${response.status} for its access log`);
      const body = (await response.json()) as { days?: AccessDay[] };
      if (!Array.isArray(body.days)) throw new Error('the gateway answered without access days');
      return body.days;
    },
  };
}

/** The capabilities the host offers built-in collectors, by name. */
export function collectorHost(
  dataSource: DataSource,
  settings: { allowPrivateNetwork: boolean; gatewayUrl: string; secret: string },
): Readonly<Record<string, unknown>> {
  const policy: HttpPolicyHost = { allowPrivateNetwork: settings.allowPrivateNetwork };
  return Object.freeze({ [TRAINING_HOST]: trainingFigures(dataSource), [HTTP_POLICY_HOST]: policy, [ACCESS_LOG_HOST]: gatewayAccessLog(settings.gatewayUrl, settings.secret) });
}
