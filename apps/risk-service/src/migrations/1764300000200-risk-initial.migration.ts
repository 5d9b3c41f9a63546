import { MigrationInterface, QueryRunner } from 'typeorm';

export class RiskInitial1764300000200 implements MigrationInterface {
  name = 'RiskInitial1764300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Likelihood and impact are only required to be positive here: their scale (1..5 for now) belongs to the
    // risk methodology, which becomes configurable per organisation, so it is checked by the service.
    await queryRunner.query(`
      CREATE TABLE risk (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id     uuid NOT NULL,
        title               text NOT NULL,
        description         text,
        threat              text,
        vulnerability       text,
        owner_id            uuid,
        inherent_likelihood integer NOT NULL CHECK (inherent_likelihood > 0),
        inherent_impact     integer NOT NULL CHECK (inherent_impact > 0),
        treatment           text CHECK (treatment IN ('MODIFY', 'AVOID', 'TRANSFER', 'ACCEPT')),
        treatment_rationale text,
        control_ids         text[] NOT NULL DEFAULT '{}',
        status              text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX risk_org_score ON risk (organisation_id, (inherent_likelihood * inherent_impact) DESC, title)');
    await queryRunner.query('CREATE INDEX risk_org_owner ON risk (organisation_id, owner_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE risk');
  }
}
