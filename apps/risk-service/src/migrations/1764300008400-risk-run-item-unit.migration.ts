import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit of each risk in an assessment run, as it was when the run was taken: a comparison of runs shows a risk
 * owner only the risks of their units (and those they own). Items of earlier runs take their risk's current unit.
 */
export class RiskRunItemUnit1764300008400 implements MigrationInterface {
  name = 'RiskRunItemUnit1764300008400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE assessment_run_item ADD COLUMN unit_id uuid`);
    await queryRunner.query(`UPDATE assessment_run_item i SET unit_id = r.unit_id FROM risk r WHERE r.id = i.risk_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE assessment_run_item DROP COLUMN unit_id`);
  }
}
