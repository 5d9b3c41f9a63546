import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail in every service database: an append-only, hash-chained table of every mutation and the records it
 * changed, and the head of each chain (its last seq and hash), which appends lock and advance. A trigger refuses
 * UPDATE, DELETE and TRUNCATE on the trail; `npm run audit-trail:verify` still detects a change made by someone who
 * dropped the trigger.
 */
export class AuditTrail1764300000001 implements MigrationInterface {
  name = 'AuditTrail1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_trail (
        chain          text NOT NULL,
        seq            bigint NOT NULL CHECK (seq > 0),
        occurred_at    timestamptz NOT NULL,
        request_id     text NOT NULL,
        operation      text NOT NULL,
        action         text NOT NULL CHECK (action IN ('MUTATION', 'INSERT', 'UPDATE', 'DELETE')),
        actor          text NOT NULL,
        actor_email    text,
        actor_roles    text[] NOT NULL,
        engagement_id  text,
        record_type    text,
        record_id      text,
        before         jsonb,
        after          jsonb,
        prev_hash      text NOT NULL,
        hash           text NOT NULL,
        PRIMARY KEY (chain, seq)
      )`);
    await queryRunner.query('CREATE INDEX audit_trail_record ON audit_trail (chain, record_id, seq)');
    await queryRunner.query('CREATE INDEX audit_trail_actor ON audit_trail (chain, actor, seq)');
    await queryRunner.query('CREATE INDEX audit_trail_time ON audit_trail (chain, occurred_at)');
    await queryRunner.query(`
      CREATE TABLE audit_trail_head (
        chain text PRIMARY KEY,
        seq   bigint NOT NULL,
        hash  text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_trail_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_trail is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
        FOR EACH ROW EXECUTE FUNCTION audit_trail_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_trail_no_truncate BEFORE TRUNCATE ON audit_trail
        FOR EACH STATEMENT EXECUTE FUNCTION audit_trail_refuse_change()`);
    // A head only moves forward: removing the tail would need it set back, which is refused too.
    await queryRunner.query(`
      CREATE FUNCTION audit_trail_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR NEW.chain <> OLD.chain OR NEW.seq < OLD.seq THEN
          RAISE EXCEPTION 'audit_trail_head only moves forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_trail_head_forward BEFORE UPDATE OR DELETE ON audit_trail_head
        FOR EACH ROW EXECUTE FUNCTION audit_trail_head_forward()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_trail_head');
    await queryRunner.query('DROP TABLE audit_trail');
    await queryRunner.query('DROP FUNCTION audit_trail_head_forward()');
    await queryRunner.query('DROP FUNCTION audit_trail_refuse_change()');
  }
}
