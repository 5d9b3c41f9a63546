import { MigrationInterface, QueryRunner } from 'typeorm';

export class PolicyAcknowledgements1764300005100 implements MigrationInterface {
  name = 'PolicyAcknowledgements1764300005100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Policies address people by unit and by job role: the replica keeps the job role too (filled from the next
    // PersonUpserted of each person; replicas built before stay NULL until then).
    await queryRunner.query('ALTER TABLE person_replica ADD COLUMN job_role text');
    await queryRunner.query('CREATE INDEX person_replica_org_unit ON person_replica (organisation_id, unit_id) WHERE active');
    await queryRunner.query('CREATE INDEX person_replica_org_job_role ON person_replica (organisation_id, lower(btrim(job_role))) WHERE active');

    // Every policy publication received from controls-service (controls.policy.published): the latest per policy is
    // the version in force, whose audience people who join later are checked against.
    await queryRunner.query(`
      CREATE TABLE policy_publication (
        organisation_id uuid NOT NULL,
        version_id      uuid NOT NULL,
        policy_id       uuid NOT NULL,
        version         text NOT NULL CHECK (version ~ '^[0-9]+\\.[0-9]+$'),
        version_major   integer NOT NULL,
        major           boolean NOT NULL,
        title           text NOT NULL,
        everyone        boolean NOT NULL,
        unit_ids        uuid[] NOT NULL,
        job_roles       text[] NOT NULL,
        published_at    timestamptz NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, version_id)
      )`);
    await queryRunner.query('CREATE INDEX policy_publication_current ON policy_publication (organisation_id, policy_id, published_at DESC)');

    // One acknowledgement task per person and policy major version; a new major supersedes the pending ones.
    await queryRunner.query(`
      CREATE TABLE policy_acknowledgement (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        policy_id       uuid NOT NULL,
        version_id      uuid NOT NULL,
        version         text NOT NULL,
        version_major   integer NOT NULL,
        policy_title    text NOT NULL,
        person_id       uuid NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING', 'ACKNOWLEDGED', 'SUPERSEDED')),
        acknowledged_at timestamptz,
        superseded_at   timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (organisation_id, person_id) REFERENCES person_replica (organisation_id, person_id),
        FOREIGN KEY (organisation_id, version_id) REFERENCES policy_publication (organisation_id, version_id),
        CHECK ((status = 'ACKNOWLEDGED') = (acknowledged_at IS NOT NULL)),
        CHECK ((status = 'SUPERSEDED') = (superseded_at IS NOT NULL))
      )`);
    await queryRunner.query(
      "CREATE UNIQUE INDEX policy_acknowledgement_live ON policy_acknowledgement (organisation_id, policy_id, version_major, person_id) WHERE status <> 'SUPERSEDED'",
    );
    await queryRunner.query('CREATE UNIQUE INDEX policy_acknowledgement_version_person ON policy_acknowledgement (organisation_id, version_id, person_id)');
    await queryRunner.query('CREATE INDEX policy_acknowledgement_person ON policy_acknowledgement (organisation_id, person_id, status)');
    await queryRunner.query('CREATE INDEX policy_acknowledgement_policy ON policy_acknowledgement (organisation_id, policy_id, status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE policy_acknowledgement');
    await queryRunner.query('DROP TABLE policy_publication');
    await queryRunner.query('DROP INDEX person_replica_org_job_role');
    await queryRunner.query('DROP INDEX person_replica_org_unit');
    await queryRunner.query('ALTER TABLE person_replica DROP COLUMN job_role');
  }
}
