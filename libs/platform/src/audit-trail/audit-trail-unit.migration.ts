import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each trail row names the unit of its record (audit-trail.units.ts), so an external auditor reads only the rows of
 * the grant's units. Rows written before stay without one (and hash as they did); the append-only triggers do not
 * fire on adding a column. The request index serves the check that a MUTATION row's records are all visible.
 */
export class AuditTrailUnit1764300011000 implements MigrationInterface {
  name = 'AuditTrailUnit1764300011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE audit_trail ADD COLUMN unit_id text');
    await queryRunner.query('CREATE INDEX audit_trail_unit ON audit_trail (chain, unit_id, seq)');
    await queryRunner.query('CREATE INDEX audit_trail_request ON audit_trail (chain, request_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX audit_trail_request');
    await queryRunner.query('DROP INDEX audit_trail_unit');
    await queryRunner.query('ALTER TABLE audit_trail DROP COLUMN unit_id');
  }
}
