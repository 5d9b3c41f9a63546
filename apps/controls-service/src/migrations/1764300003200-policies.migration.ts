import { MigrationInterface, QueryRunner } from 'typeorm';

export class Policies1764300003200 implements MigrationInterface {
  name = 'Policies1764300003200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A policy document: who must approve its versions, who must acknowledge them, which controls it supports.
    await queryRunner.query(`
      CREATE TABLE policy (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id        uuid NOT NULL,
        title                  text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        approver_role          text NOT NULL CHECK (approver_role IN ('admin', 'isms_manager', 'executive', 'risk_owner', 'control_owner')),
        audience_everyone      boolean NOT NULL,
        audience_unit_ids      uuid[] NOT NULL DEFAULT '{}',
        audience_job_roles     text[] NOT NULL DEFAULT '{}',
        control_ids            text[] NOT NULL DEFAULT '{}',
        review_interval_months integer NOT NULL DEFAULT 12 CHECK (review_interval_months BETWEEN 1 AND 36),
        published_version_id   uuid,
        review_due_on          date,
        retired_at             timestamptz,
        created_by             text NOT NULL,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CHECK (audience_everyone OR cardinality(audience_unit_ids) + cardinality(audience_job_roles) > 0),
        CHECK ((published_version_id IS NULL) = (review_due_on IS NULL))
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX policy_org_title ON policy (organisation_id, lower(title))');
    await queryRunner.query('CREATE INDEX policy_org_review_due ON policy (organisation_id, review_due_on) WHERE review_due_on IS NOT NULL');
    await queryRunner.query('CREATE INDEX policy_control_ids ON policy USING gin (control_ids)');

    // One version of a policy: Markdown text or one uploaded file (bytes, SHA-256, content type), never both.
    await queryRunner.query(`
      CREATE TABLE policy_version (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id    uuid NOT NULL,
        policy_id          uuid NOT NULL REFERENCES policy (id) ON DELETE CASCADE,
        major              integer NOT NULL CHECK (major >= 0),
        minor              integer NOT NULL CHECK (minor >= 0),
        status             text NOT NULL CHECK (status IN ('DRAFT', 'APPROVED', 'PUBLISHED', 'RETIRED')),
        change_summary     text,
        body               text,
        file_name          text,
        file_content_type  text,
        file_sha256        char(64),
        file_size          integer,
        file_content       bytea,
        author_id          text NOT NULL,
        author_name        text NOT NULL,
        approved_by_id     text,
        approved_by_name   text,
        approved_as_role   text,
        approved_at        timestamptz,
        published_by_id    text,
        published_at       timestamptz,
        retired_at         timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (policy_id, major, minor),
        CHECK (major + minor > 0),
        CHECK ((body IS NULL) <> (file_content IS NULL)),
        CHECK ((file_content IS NULL) = (file_sha256 IS NULL) AND (file_content IS NULL) = (file_content_type IS NULL)
               AND (file_content IS NULL) = (file_size IS NULL) AND (file_content IS NULL) = (file_name IS NULL)),
        CHECK ((status = 'DRAFT') = (approved_at IS NULL)),
        CHECK ((approved_at IS NULL) = (approved_by_id IS NULL)),
        CHECK (approved_by_id IS NULL OR approved_by_id <> author_id),
        CHECK ((status IN ('PUBLISHED', 'RETIRED')) = (published_at IS NOT NULL)),
        CHECK ((status = 'RETIRED') = (retired_at IS NOT NULL))
      )`);
    // At most one version in the works (draft or approved) per policy, and at most one published.
    await queryRunner.query("CREATE UNIQUE INDEX policy_version_one_open ON policy_version (policy_id) WHERE status IN ('DRAFT', 'APPROVED')");
    await queryRunner.query("CREATE UNIQUE INDEX policy_version_one_published ON policy_version (policy_id) WHERE status = 'PUBLISHED'");
    await queryRunner.query('CREATE INDEX policy_version_org_policy ON policy_version (organisation_id, policy_id)');
    await queryRunner.query(
      'ALTER TABLE policy ADD CONSTRAINT policy_published_version_fk FOREIGN KEY (published_version_id) REFERENCES policy_version (id)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE policy DROP CONSTRAINT policy_published_version_fk');
    await queryRunner.query('DROP TABLE policy_version');
    await queryRunner.query('DROP TABLE policy');
  }
}
