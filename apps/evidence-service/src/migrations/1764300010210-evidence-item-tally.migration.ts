import { MigrationInterface, QueryRunner } from 'typeorm';

/** The unit key of items recorded before evidence had units (no real unit has this id). */
export const NO_UNIT_KEY = '00000000-0000-0000-0000-000000000000';

/**
 * How many evidence items there are per organisation, unit, status and source, kept by a trigger in the
 * transaction of every change: the totals of lists filtered by nothing but unit, status and source (the whole
 * list, the review queue, a department's evidence) are a sum over a few hundred rows instead of a count over every
 * item. Each change touches its old and its new row in key order, so concurrent changes cannot deadlock on them.
 */
export class EvidenceItemTally1764300010210 implements MigrationInterface {
  name = 'EvidenceItemTally1764300010210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE evidence_item_tally (
        organisation_id uuid NOT NULL,
        unit_key        uuid NOT NULL,
        status          text NOT NULL,
        source          text NOT NULL,
        n               bigint NOT NULL,
        PRIMARY KEY (organisation_id, unit_key, status, source)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_bump(o uuid, u uuid, s text, src text, delta integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO evidence_item_tally (organisation_id, unit_key, status, source, n) VALUES (o, coalesce(u, '${NO_UNIT_KEY}'), s, src, delta)
        ON CONFLICT (organisation_id, unit_key, status, source) DO UPDATE SET n = evidence_item_tally.n + EXCLUDED.n
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_key text;
        new_key text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM evidence_item_tally_bump(NEW.organisation_id, NEW.unit_id, NEW.status, NEW.source, 1);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM evidence_item_tally_bump(OLD.organisation_id, OLD.unit_id, OLD.status, OLD.source, -1);
        ELSE
          old_key := concat_ws('|', OLD.organisation_id, coalesce(OLD.unit_id, '${NO_UNIT_KEY}'), OLD.status, OLD.source);
          new_key := concat_ws('|', NEW.organisation_id, coalesce(NEW.unit_id, '${NO_UNIT_KEY}'), NEW.status, NEW.source);
          IF old_key = new_key THEN
            RETURN NULL;
          ELSIF old_key < new_key THEN
            PERFORM evidence_item_tally_bump(OLD.organisation_id, OLD.unit_id, OLD.status, OLD.source, -1);
            PERFORM evidence_item_tally_bump(NEW.organisation_id, NEW.unit_id, NEW.status, NEW.source, 1);
          ELSE
            PERFORM evidence_item_tally_bump(NEW.organisation_id, NEW.unit_id, NEW.status, NEW.source, 1);
            PERFORM evidence_item_tally_bump(OLD.organisation_id, OLD.unit_id, OLD.status, OLD.source, -1);
          END IF;
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER evidence_item_tally AFTER INSERT OR DELETE OR UPDATE OF organisation_id, unit_id, status, source ON evidence_item
      FOR EACH ROW EXECUTE FUNCTION evidence_item_tally_change()`);
    await queryRunner.query(`
      CREATE FUNCTION evidence_item_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM evidence_item_tally;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query('CREATE TRIGGER evidence_item_tally_truncate AFTER TRUNCATE ON evidence_item FOR EACH STATEMENT EXECUTE FUNCTION evidence_item_tally_truncate()');
    await queryRunner.query(`
      INSERT INTO evidence_item_tally (organisation_id, unit_key, status, source, n)
      SELECT organisation_id, coalesce(unit_id, '${NO_UNIT_KEY}'), status, source, count(*) FROM evidence_item GROUP BY 1, 2, 3, 4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER evidence_item_tally_truncate ON evidence_item');
    await queryRunner.query('DROP TRIGGER evidence_item_tally ON evidence_item');
    await queryRunner.query('DROP FUNCTION evidence_item_tally_truncate()');
    await queryRunner.query('DROP FUNCTION evidence_item_tally_change()');
    await queryRunner.query('DROP FUNCTION evidence_item_tally_bump(uuid, uuid, text, text, integer)');
    await queryRunner.query('DROP TABLE evidence_item_tally');
  }
}
