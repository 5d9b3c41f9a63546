import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The certification cycle: which approved ISMS scope a certification body certifies, the engagements of Stage 1,
 * Stage 2, the two surveillance audits and recertification, the recommendation, and the certificate (valid three
 * years). Approved scopes are replicated from isms-service so a cycle can only cover one.
 */
export class CertificationCycle1764300015100 implements MigrationInterface {
  name = 'CertificationCycle1764300015100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE approved_scope_replica (
        organisation_id uuid NOT NULL,
        scope_id        uuid NOT NULL,
        version         integer NOT NULL CHECK (version > 0),
        approved_at     timestamptz NOT NULL,
        superseded      boolean NOT NULL DEFAULT false,
        PRIMARY KEY (organisation_id, scope_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE certification_cycle (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id             uuid NOT NULL,
        certification_body          text NOT NULL CHECK (length(certification_body) BETWEEN 1 AND 200),
        standard                    text NOT NULL DEFAULT 'ISO/IEC 27001:2022',
        scope_id                    uuid NOT NULL,
        scope_version               integer NOT NULL,
        contact_person_id           uuid,
        stage1_engagement_id        uuid REFERENCES engagement (id),
        stage2_engagement_id        uuid REFERENCES engagement (id),
        surveillance1_engagement_id uuid REFERENCES engagement (id),
        surveillance2_engagement_id uuid REFERENCES engagement (id),
        recertification_engagement_id uuid REFERENCES engagement (id),
        status                      text NOT NULL CHECK (status IN ('PLANNED', 'RECOMMENDED', 'CERTIFIED')),
        recommended_at              timestamptz,
        recommended_by              text,
        recommendation_comment      text CHECK (length(recommendation_comment) <= 4000),
        certificate_number          text CHECK (length(certificate_number) BETWEEN 1 AND 100),
        issued_on                   date,
        expires_on                  date,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'PLANNED' OR (recommended_at IS NOT NULL AND recommended_by IS NOT NULL)),
        CHECK (status <> 'CERTIFIED' OR (certificate_number IS NOT NULL AND issued_on IS NOT NULL AND expires_on > issued_on))
      )`);
    await queryRunner.query('CREATE INDEX certification_cycle_org ON certification_cycle (organisation_id, created_at)');
    await queryRunner.query(
      "CREATE UNIQUE INDEX certification_cycle_certificate ON certification_cycle (organisation_id, certificate_number) WHERE certificate_number IS NOT NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE certification_cycle');
    await queryRunner.query('DROP TABLE approved_scope_replica');
  }
}
