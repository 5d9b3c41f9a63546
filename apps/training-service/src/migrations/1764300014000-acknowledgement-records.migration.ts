import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acknowledgements an auditor can rely on: the content hash of every publication, and on each acknowledgement the
 * version actually read (the version in force, possibly a later minor of the task's major), its content hash, and
 * where it was given from (address and user agent as the gateway saw them).
 */
export class AcknowledgementRecords1764300014000 implements MigrationInterface {
  name = 'AcknowledgementRecords1764300014000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE policy_publication ADD COLUMN content_sha256 char(64) CHECK (content_sha256 ~ '^[0-9a-f]{64}$')");
    await queryRunner.query(`
      ALTER TABLE policy_acknowledgement
        ADD COLUMN acknowledged_version_id uuid,
        ADD COLUMN acknowledged_version    text CHECK (acknowledged_version ~ '^[0-9]+\\.[0-9]+$'),
        ADD COLUMN content_sha256          char(64) CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
        ADD COLUMN acknowledged_address    text CHECK (length(acknowledged_address) <= 64),
        ADD COLUMN acknowledged_user_agent text CHECK (length(acknowledged_user_agent) <= 512)`);
    // Acknowledgements made before: the version read was the task's own.
    await queryRunner.query(
      "UPDATE policy_acknowledgement SET acknowledged_version_id = version_id, acknowledged_version = version WHERE status = 'ACKNOWLEDGED'",
    );
    // A person's history of one policy, across versions.
    await queryRunner.query('CREATE INDEX policy_acknowledgement_person_policy ON policy_acknowledgement (organisation_id, person_id, policy_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX policy_acknowledgement_person_policy');
    await queryRunner.query(`
      ALTER TABLE policy_acknowledgement
        DROP COLUMN acknowledged_version_id, DROP COLUMN acknowledged_version, DROP COLUMN content_sha256,
        DROP COLUMN acknowledged_address, DROP COLUMN acknowledged_user_agent`);
    await queryRunner.query('ALTER TABLE policy_publication DROP COLUMN content_sha256');
  }
}
