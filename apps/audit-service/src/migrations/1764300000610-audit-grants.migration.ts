import { MigrationInterface, QueryRunner } from 'typeorm';

/** External auditors' grants for one engagement, and the append-only log of everything they do under them. */
export class AuditGrants1764300000610 implements MigrationInterface {
  name = 'AuditGrants1764300000610';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_grant (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id       uuid NOT NULL,
        engagement_id         uuid NOT NULL REFERENCES engagement (id),
        auditor_name          text NOT NULL,
        auditor_email         text NOT NULL CHECK (auditor_email = lower(auditor_email)),
        firm                  text NOT NULL,
        unit_ids              uuid[] NOT NULL CHECK (cardinality(unit_ids) > 0),
        period_start          date NOT NULL,
        period_end            date NOT NULL,
        expires_at            timestamptz NOT NULL,
        granted_by_sub        text NOT NULL,
        granted_by_name       text NOT NULL,
        granted_at            timestamptz NOT NULL DEFAULT now(),
        revoked_at            timestamptz,
        revoked_by_name       text,
        invitation_hash       text UNIQUE,
        invitation_expires_at timestamptz,
        last_used_at          timestamptz,
        CHECK (period_end >= period_start),
        CHECK ((invitation_hash IS NULL) = (invitation_expires_at IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX audit_grant_engagement ON audit_grant (organisation_id, engagement_id)');
    await queryRunner.query('CREATE INDEX audit_grant_auditor ON audit_grant (organisation_id, auditor_email)');
    await queryRunner.query(`
      CREATE TABLE auditor_access_log (
        id              bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL,
        grant_id        uuid NOT NULL REFERENCES audit_grant (id),
        at              timestamptz NOT NULL DEFAULT now(),
        kind            text NOT NULL CHECK (kind IN ('SIGN_IN', 'REQUEST', 'DOWNLOAD', 'REFUSED')),
        detail          text NOT NULL,
        request_id      text
      )`);
    await queryRunner.query('CREATE INDEX auditor_access_log_grant ON auditor_access_log (grant_id, id)');
    // Append-only: the log is audit evidence, so no row is ever changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION auditor_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auditor_access_log is append-only: % is not allowed', TG_OP;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER auditor_access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON auditor_access_log
      FOR EACH STATEMENT EXECUTE FUNCTION auditor_access_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE auditor_access_log');
    await queryRunner.query('DROP FUNCTION auditor_access_log_append_only');
    await queryRunner.query('DROP TABLE audit_grant');
  }
}
