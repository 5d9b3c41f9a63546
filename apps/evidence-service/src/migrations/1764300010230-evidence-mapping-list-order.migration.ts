import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The evidence of one control or clause, newest first, straight from the mapping index: each mapping row carries its
 * item's unit, status and collection time (kept by triggers: filled on insert, updated in the statement that changes
 * the item), so a page is the first entries of the index and its total a count over that control's entries alone,
 * without visiting every item of the control.
 */
export class EvidenceMappingListOrder1764300010230 implements MigrationInterface {
  name = 'EvidenceMappingListOrder1764300010230';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_mapping ADD COLUMN unit_id uuid, ADD COLUMN status text, ADD COLUMN collected_at timestamptz');
    await queryRunner.query('UPDATE evidence_mapping m SET unit_id = e.unit_id, status = e.status, collected_at = e.collected_at FROM evidence_item e WHERE e.id = m.evidence_id');
    await queryRunner.query('ALTER TABLE evidence_mapping ALTER COLUMN status SET NOT NULL, ALTER COLUMN collected_at SET NOT NULL');
    await queryRunner.query('DROP INDEX evidence_mapping_ref');
    await queryRunner.query('CREATE INDEX evidence_mapping_ref_collected ON evidence_mapping (organisation_id, kind, ref, collected_at DESC, evidence_id) INCLUDE (status, unit_id)');
    await queryRunner.query(`
      CREATE FUNCTION evidence_mapping_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT e.unit_id, e.status, e.collected_at INTO NEW.unit_id, NEW.status, NEW.collected_at FROM evidence_item e WHERE e.id = NEW.evidence_id;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query('CREATE TRIGGER evidence_mapping_fill BEFORE INSERT ON evidence_mapping FOR EACH ROW EXECUTE FUNCTION evidence_mapping_fill()');
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_mapping_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE evidence_mapping m SET unit_id = n.unit_id, status = n.status, collected_at = n.collected_at
          FROM new_rows n
         WHERE m.evidence_id = n.id AND (m.unit_id, m.status, m.collected_at) IS DISTINCT FROM (n.unit_id, n.status, n.collected_at);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER evidence_item_mapping_sync AFTER UPDATE ON evidence_item REFERENCING NEW TABLE AS new_rows
                             FOR EACH STATEMENT EXECUTE FUNCTION evidence_item_mapping_sync()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER evidence_item_mapping_sync ON evidence_item');
    await queryRunner.query('DROP FUNCTION evidence_item_mapping_sync()');
    await queryRunner.query('DROP TRIGGER evidence_mapping_fill ON evidence_mapping');
    await queryRunner.query('DROP FUNCTION evidence_mapping_fill()');
    await queryRunner.query('DROP INDEX evidence_mapping_ref_collected');
    await queryRunner.query('CREATE INDEX evidence_mapping_ref ON evidence_mapping (organisation_id, kind, ref, evidence_id)');
    await queryRunner.query('ALTER TABLE evidence_mapping DROP COLUMN unit_id, DROP COLUMN status, DROP COLUMN collected_at');
  }
}
