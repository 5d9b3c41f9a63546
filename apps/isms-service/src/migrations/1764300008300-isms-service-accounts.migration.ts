import { MigrationInterface, QueryRunner } from 'typeorm';

/** Service accounts for platform teams: roles, units, a hashed token, expiry, last use, revocation. */
export class IsmsServiceAccounts1764300008300 implements MigrationInterface {
  name = 'IsmsServiceAccounts1764300008300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_account (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        name            text NOT NULL,
        description     text NOT NULL,
        roles           text[] NOT NULL CHECK ('service_account' = ANY(roles)),
        unit_ids        uuid[] NOT NULL,
        token_hash      text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        token_prefix    text NOT NULL,
        expires_at      timestamptz NOT NULL,
        last_used_at    timestamptz,
        created_by_name text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        rotated_at      timestamptz,
        revoked_at      timestamptz,
        revoked_by_name text
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX service_account_name ON service_account (organisation_id, lower(name)) WHERE revoked_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE service_account');
  }
}
