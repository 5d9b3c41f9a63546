import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Management reviews (clause 9.3): the inputs the platform gathered, the decisions and actions recorded, and top
 * management's sign-off (never by whoever recorded them).
 */
export class ManagementReview1764300015400 implements MigrationInterface {
  name = 'ManagementReview1764300015400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE management_review (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id     uuid NOT NULL,
        title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        held_on             date NOT NULL,
        status              text NOT NULL CHECK (status IN ('DRAFT', 'SIGNED_OFF')),
        inputs              jsonb,
        inputs_gathered_at  timestamptz,
        decisions           text[] NOT NULL DEFAULT '{}',
        notes               text CHECK (length(notes) <= 8000),
        contributor_subs    text[] NOT NULL DEFAULT '{}',
        signed_off_by       text,
        signed_off_by_name  text,
        signed_off_at       timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'DRAFT' OR (signed_off_by IS NOT NULL AND signed_off_at IS NOT NULL AND inputs IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX management_review_org ON management_review (organisation_id, held_on)');
    await queryRunner.query(`
      CREATE TABLE management_review_action (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL,
        review_id       uuid NOT NULL REFERENCES management_review (id) ON DELETE CASCADE,
        description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
        owner_person_id uuid NOT NULL,
        due_on          date NOT NULL,
        done_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX management_review_action_review ON management_review_action (review_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE management_review_action');
    await queryRunner.query('DROP TABLE management_review');
  }
}
