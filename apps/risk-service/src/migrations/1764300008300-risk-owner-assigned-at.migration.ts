import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the risk's current owner was assigned: an acceptance signs only a residual assessment recorded after it, so a
 * just-reassigned owner has the risk re-assessed before accepting it. Existing risks count from their creation (their
 * ownership history before this column is not known).
 */
export class RiskOwnerAssignedAt1764300008300 implements MigrationInterface {
  name = 'RiskOwnerAssignedAt1764300008300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE risk ADD COLUMN owner_assigned_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`UPDATE risk SET owner_assigned_at = created_at`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE risk DROP COLUMN owner_assigned_at`);
  }
}
