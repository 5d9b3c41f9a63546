import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 4: SoA details (owners, policies, evidence), the change log with reasons, published SoA versions, the
 * approved ISMS scope replica, control implementations per unit and the operating status kept from evidence and
 * audit events.
 */
export class SoaVersionsImplementation1764300003100 implements MigrationInterface {
  name = 'SoaVersionsImplementation1764300003100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // owner_id stays (events and older readers use it): it is always owner_ids[1].
    await queryRunner.query(`
      ALTER TABLE soa_entry
        ADD COLUMN owner_ids    uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN policy_ids   uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN evidence_ids uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE soa_entry SET owner_ids = ARRAY[owner_id] WHERE owner_id IS NOT NULL`);

    // Every change of an entry, with who, when and why: the "recorded change reasons" of a version diff.
    await queryRunner.query(`
      CREATE TABLE soa_change (
        seq             bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL,
        changed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor           text NOT NULL,
        reason          text NOT NULL,
        fields          text[] NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX soa_change_org_time ON soa_change (organisation_id, changed_at)');

    // Replica of the latest approved ISMS scope (isms.scope.approved).
    await queryRunner.query(`
      CREATE TABLE isms_scope (
        organisation_id   uuid PRIMARY KEY,
        scope_id          uuid NOT NULL,
        version           integer NOT NULL CHECK (version > 0),
        in_scope_unit_ids uuid[] NOT NULL,
        approved_at       timestamptz NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE soa_version (
        organisation_id uuid NOT NULL,
        number          integer NOT NULL CHECK (number > 0),
        note            text NOT NULL CHECK (length(btrim(note)) > 0),
        scope_id        uuid NOT NULL,
        scope_version   integer NOT NULL,
        approved_by     text NOT NULL,
        approved_by_name text,
        approved_at     timestamptz NOT NULL,
        entries         jsonb NOT NULL,
        PRIMARY KEY (organisation_id, number)
      )`);

    await queryRunner.query(`
      CREATE TABLE control_implementation (
        id              uuid PRIMARY KEY,
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL CHECK (control_id ~ '^A\\.[0-9]+\\.[0-9]+$'),
        unit_id         uuid NOT NULL,
        owner_id        uuid,
        status          text NOT NULL CHECK (status IN ('NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED')),
        maturity        smallint NOT NULL CHECK (maturity BETWEEN 0 AND 5),
        description     text NOT NULL DEFAULT '',
        test_procedure  text,
        test_frequency  text CHECK (test_frequency IN ('MONTHLY', 'QUARTERLY', 'SEMI_ANNUALLY', 'ANNUALLY')),
        last_tested_on  date,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organisation_id, control_id, unit_id)
      )`);
    await queryRunner.query('CREATE INDEX control_implementation_org_unit ON control_implementation (organisation_id, unit_id)');

    // Replicas of evidence items and audit findings that name a control (flows 3 and 5).
    await queryRunner.query(`
      CREATE TABLE control_evidence (
        organisation_id uuid NOT NULL,
        evidence_id     uuid NOT NULL,
        control_id      text NOT NULL,
        status          text NOT NULL CHECK (status IN ('COLLECTED', 'APPROVED', 'REJECTED', 'EXPIRED')),
        valid_until     date,
        changed_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, evidence_id)
      )`);
    await queryRunner.query('CREATE INDEX control_evidence_org_control ON control_evidence (organisation_id, control_id)');
    await queryRunner.query(`
      CREATE TABLE control_finding (
        organisation_id uuid NOT NULL,
        finding_id      uuid NOT NULL,
        control_id      text NOT NULL,
        severity        text NOT NULL,
        status          text NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
        changed_at      timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, finding_id)
      )`);
    await queryRunner.query('CREATE INDEX control_finding_org_control ON control_finding (organisation_id, control_id)');
    await queryRunner.query(`
      CREATE TABLE control_operating_status (
        organisation_id uuid NOT NULL,
        control_id      text NOT NULL,
        status          text NOT NULL CHECK (status IN ('EFFECTIVE', 'EVIDENCE_MISSING', 'EVIDENCE_EXPIRED', 'NONCONFORMING')),
        reason          text NOT NULL,
        since           timestamptz NOT NULL,
        PRIMARY KEY (organisation_id, control_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['control_operating_status', 'control_finding', 'control_evidence', 'control_implementation', 'soa_version', 'isms_scope', 'soa_change']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query('ALTER TABLE soa_entry DROP COLUMN owner_ids, DROP COLUMN policy_ids, DROP COLUMN evidence_ids');
  }
}
