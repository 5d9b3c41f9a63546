import { MigrationInterface, QueryRunner } from 'typeorm';
import { NO_UNIT_KEY } from './1764300010210-evidence-item-tally.migration';

const KEY = `organisation_id, coalesce(unit_id, '${NO_UNIT_KEY}'::uuid), status, source`;

/**
 * The evidence tally is kept per statement instead of per row: one upsert per (organisation, unit, status, source)
 * that a statement changed, from its transition tables. A row trigger updated the same few tally rows once per item,
 * so a statement that touched many items (a bulk load, an expiry batch) made ever longer chains of row versions
 * within its transaction and slowed down quadratically. Keys are upserted in order, so concurrent changes cannot
 * deadlock on them.
 */
export class EvidenceItemTallyPerStatement1764300010220 implements MigrationInterface {
  name = 'EvidenceItemTallyPerStatement1764300010220';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER evidence_item_tally ON evidence_item');
    await queryRunner.query('DROP FUNCTION evidence_item_tally_change()');
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_statement() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO evidence_item_tally AS t (organisation_id, unit_key, status, source, n)
          SELECT ${KEY}, count(*) FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (organisation_id, unit_key, status, source) DO UPDATE SET n = t.n + EXCLUDED.n;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO evidence_item_tally AS t (organisation_id, unit_key, status, source, n)
          SELECT ${KEY}, -count(*) FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
          ON CONFLICT (organisation_id, unit_key, status, source) DO UPDATE SET n = t.n + EXCLUDED.n;
        ELSE
          INSERT INTO evidence_item_tally AS t (organisation_id, unit_key, status, source, n)
          SELECT o, u, s, src, sum(d) FROM (
            SELECT ${KEY}, -1 AS d FROM old_rows
            UNION ALL
            SELECT ${KEY}, 1 AS d FROM new_rows
          ) AS delta (o, u, s, src, d)
          GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
          ON CONFLICT (organisation_id, unit_key, status, source) DO UPDATE SET n = t.n + EXCLUDED.n;
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER evidence_item_tally_insert AFTER INSERT ON evidence_item REFERENCING NEW TABLE AS new_rows
                             FOR EACH STATEMENT EXECUTE FUNCTION evidence_item_tally_statement()`);
    await queryRunner.query(`CREATE TRIGGER evidence_item_tally_update AFTER UPDATE ON evidence_item REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                             FOR EACH STATEMENT EXECUTE FUNCTION evidence_item_tally_statement()`);
    await queryRunner.query(`CREATE TRIGGER evidence_item_tally_delete AFTER DELETE ON evidence_item REFERENCING OLD TABLE AS old_rows
                             FOR EACH STATEMENT EXECUTE FUNCTION evidence_item_tally_statement()`);
    await queryRunner.query('DROP FUNCTION evidence_item_tally_bump(uuid, uuid, text, text, integer)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER evidence_item_tally_${event} ON evidence_item`);
    await queryRunner.query('DROP FUNCTION evidence_item_tally_statement()');
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_bump(o uuid, u uuid, s text, src text, delta integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO evidence_item_tally (organisation_id, unit_key, status, source, n) VALUES (o, coalesce(u, '${NO_UNIT_KEY}'), s, src, delta)
        ON CONFLICT (organisation_id, unit_key, status, source) DO UPDATE SET n = evidence_item_tally.n + EXCLUDED.n
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM evidence_item_tally_bump(OLD.organisation_id, OLD.unit_id, OLD.status, OLD.source, -1); END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM evidence_item_tally_bump(NEW.organisation_id, NEW.unit_id, NEW.status, NEW.source, 1); END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER evidence_item_tally AFTER INSERT OR DELETE OR UPDATE OF organisation_id, unit_id, status, source ON evidence_item
                             FOR EACH ROW EXECUTE FUNCTION evidence_item_tally_change()`);
  }
}
