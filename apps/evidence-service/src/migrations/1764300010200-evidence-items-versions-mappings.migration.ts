import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence items get a department (unit), a source, the dates they take effect and cover, versions (a new version
 * supersedes the current one; history kept) and mappings to many Annex A controls and clause requirements.
 * Rows from before this change keep their data: their control and clause become mappings, their typed-in SHA-256 a
 * first FILE version that names that hash (or none) and no stored file, their review the review of that version.
 */
export class EvidenceItemsVersionsMappings1764300010200 implements MigrationInterface {
  name = 'EvidenceItemsVersionsMappings1764300010200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE evidence_item
        ADD COLUMN unit_id uuid,
        ADD COLUMN source text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'COLLECTOR', 'GENERATED')),
        ADD COLUMN effective_date date,
        ADD COLUMN period_start date,
        ADD COLUMN period_end date,
        ADD COLUMN current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1)`);
    await queryRunner.query(`UPDATE evidence_item SET effective_date = (collected_at AT TIME ZONE 'UTC')::date`);
    await queryRunner.query(`
      ALTER TABLE evidence_item
        ALTER COLUMN effective_date SET NOT NULL,
        ADD CONSTRAINT evidence_item_period CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
        ADD CONSTRAINT evidence_item_validity CHECK (valid_until IS NULL OR valid_until >= effective_date)`);

    await queryRunner.query(`
      CREATE TABLE evidence_version (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id  uuid NOT NULL,
        evidence_id      uuid NOT NULL REFERENCES evidence_item (id) ON DELETE CASCADE,
        number           integer NOT NULL CHECK (number >= 1),
        kind             text NOT NULL CHECK (kind IN ('FILE', 'LINK', 'RECORD', 'GENERATED')),
        file_id          uuid REFERENCES evidence_file (id),
        url              text CHECK (url IS NULL OR url ~ '^https://'),
        payload          jsonb,
        assertion_passed boolean,
        provenance       jsonb,
        sha256           text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        status           text NOT NULL CHECK (status IN ('COLLECTED', 'APPROVED', 'REJECTED', 'EXPIRED', 'SUPERSEDED')),
        decision         text CHECK (decision IN ('APPROVED', 'REJECTED')),
        collected_by     text NOT NULL,
        collected_at     timestamptz NOT NULL,
        reviewed_by      text,
        reviewed_at      timestamptz,
        review_reason    text,
        superseded_at    timestamptz,
        UNIQUE (evidence_id, number),
        CHECK (kind <> 'LINK' OR url IS NOT NULL),
        CHECK (kind <> 'RECORD' OR (payload IS NOT NULL AND assertion_passed IS NOT NULL AND sha256 IS NOT NULL)),
        CHECK (kind <> 'GENERATED' OR (file_id IS NOT NULL AND provenance IS NOT NULL)),
        CHECK (decision IS NULL OR reviewed_by IS NOT NULL),
        CHECK (decision IS DISTINCT FROM 'APPROVED' OR reviewed_by <> collected_by),
        CHECK (decision IS DISTINCT FROM 'REJECTED' OR review_reason IS NOT NULL)
      )`);
    await queryRunner.query('CREATE INDEX evidence_version_file ON evidence_version (file_id) WHERE file_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE evidence_mapping (
        organisation_id uuid NOT NULL,
        evidence_id     uuid NOT NULL REFERENCES evidence_item (id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('CONTROL', 'CLAUSE')),
        ref             text NOT NULL,
        mapped_by       text NOT NULL,
        mapped_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (evidence_id, kind, ref),
        CHECK (kind <> 'CONTROL' OR ref ~ '^A\\.[5-8]\\.[0-9]+$'),
        CHECK (kind <> 'CLAUSE' OR ref ~ '^(?:[4-9]|10)(?:\\.[0-9]{1,2}){1,2}$')
      )`);
    await queryRunner.query('CREATE INDEX evidence_mapping_ref ON evidence_mapping (organisation_id, kind, ref, evidence_id)');

    await queryRunner.query(`
      CREATE TABLE evidence_history (
        id              bigserial PRIMARY KEY,
        organisation_id uuid NOT NULL,
        evidence_id     uuid NOT NULL REFERENCES evidence_item (id) ON DELETE CASCADE,
        at              timestamptz NOT NULL DEFAULT now(),
        actor           text NOT NULL,
        action          text NOT NULL CHECK (action IN ('ADDED', 'VERSION_ADDED', 'APPROVED', 'REJECTED', 'MAPPED', 'UNMAPPED', 'EXPIRED')),
        version         integer,
        detail          text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query('CREATE INDEX evidence_history_item ON evidence_history (evidence_id, id)');

    // Rows from before: their control and clause become mappings, their hash and review the first version.
    await queryRunner.query(`
      INSERT INTO evidence_mapping (organisation_id, evidence_id, kind, ref, mapped_by, mapped_at)
      SELECT organisation_id, id, 'CONTROL', control_id, collected_by, collected_at FROM evidence_item WHERE control_id IS NOT NULL
      UNION ALL
      SELECT organisation_id, id, 'CLAUSE', clause, collected_by, collected_at FROM evidence_item
       WHERE clause ~ '^(?:[4-9]|10)(?:\\.[0-9]{1,2}){1,2}$'`);
    await queryRunner.query(`
      INSERT INTO evidence_version (organisation_id, evidence_id, number, kind, sha256, status, decision, collected_by, collected_at, reviewed_by, reviewed_at, review_reason)
      SELECT organisation_id, id, 1, 'FILE', sha256, status,
             CASE WHEN status IN ('APPROVED', 'EXPIRED') AND reviewed_by IS NOT NULL THEN 'APPROVED' WHEN status = 'REJECTED' THEN 'REJECTED' END,
             collected_by, collected_at, reviewed_by, reviewed_at,
             CASE WHEN status = 'REJECTED' THEN coalesce(review_comment, 'rejected') ELSE review_comment END
        FROM evidence_item`);
    await queryRunner.query(`
      INSERT INTO evidence_history (organisation_id, evidence_id, at, actor, action, version, detail)
      SELECT organisation_id, id, collected_at, collected_by, 'ADDED', 1, 'recorded before versions' FROM evidence_item`);

    await queryRunner.query('ALTER TABLE evidence_item DROP COLUMN control_id, DROP COLUMN clause, DROP COLUMN sha256');
    await queryRunner.query(`ALTER TABLE evidence_item RENAME COLUMN review_comment TO review_reason`);

    // The lists: newest first within an organisation, by unit, by status, by the day validity ends.
    await queryRunner.query('CREATE INDEX evidence_item_org_collected ON evidence_item (organisation_id, collected_at DESC, id)');
    await queryRunner.query('CREATE INDEX evidence_item_org_unit_collected ON evidence_item (organisation_id, unit_id, collected_at DESC, id)');
    await queryRunner.query('CREATE INDEX evidence_item_org_status_collected ON evidence_item (organisation_id, status, collected_at DESC, id)');
    await queryRunner.query('DROP INDEX IF EXISTS evidence_item_org_valid_until');
    await queryRunner.query('CREATE INDEX evidence_item_org_valid_until ON evidence_item (organisation_id, valid_until, status) WHERE valid_until IS NOT NULL');
    // The expiry job: accepted items by the day their validity ends, across organisations.
    await queryRunner.query(`CREATE INDEX evidence_item_approved_valid_until ON evidence_item (valid_until) WHERE status = 'APPROVED' AND valid_until IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX IF EXISTS evidence_item_approved_valid_until');
    await queryRunner.query('DROP INDEX IF EXISTS evidence_item_org_collected');
    await queryRunner.query('DROP INDEX IF EXISTS evidence_item_org_unit_collected');
    await queryRunner.query('DROP INDEX IF EXISTS evidence_item_org_status_collected');
    await queryRunner.query(`ALTER TABLE evidence_item RENAME COLUMN review_reason TO review_comment`);
    await queryRunner.query(`ALTER TABLE evidence_item ADD COLUMN control_id text, ADD COLUMN clause text, ADD COLUMN sha256 text`);
    await queryRunner.query(`
      UPDATE evidence_item e SET
        control_id = (SELECT min(ref) FROM evidence_mapping m WHERE m.evidence_id = e.id AND m.kind = 'CONTROL'),
        clause = (SELECT min(ref) FROM evidence_mapping m WHERE m.evidence_id = e.id AND m.kind = 'CLAUSE'),
        sha256 = (SELECT v.sha256 FROM evidence_version v WHERE v.evidence_id = e.id AND v.number = e.current_version)`);
    await queryRunner.query('DROP TABLE evidence_history');
    await queryRunner.query('DROP TABLE evidence_mapping');
    await queryRunner.query('DROP TABLE evidence_version');
    await queryRunner.query(`
      ALTER TABLE evidence_item DROP CONSTRAINT evidence_item_period, DROP CONSTRAINT evidence_item_validity,
        DROP COLUMN unit_id, DROP COLUMN source, DROP COLUMN effective_date, DROP COLUMN period_start, DROP COLUMN period_end, DROP COLUMN current_version`);
  }
}
