import { MigrationInterface, QueryRunner } from 'typeorm';

export class ControlsInitial1764300000300 implements MigrationInterface {
  name = 'ControlsInitial1764300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The Annex A catalogue itself is data of libs/iso27001, not a table. A control without a row here is
    // "not decided yet" (not applicable, no reasons); the invariant applicable <=> some reason holds for every row.
    await queryRunner.query(`
      CREATE TABLE soa_entry (
        organisation_id       uuid NOT NULL,
        control_id            text NOT NULL CHECK (control_id ~ '^A\\.[0-9]+\\.[0-9]+$'),
        applicable            boolean NOT NULL DEFAULT false,
        reasons               text[] NOT NULL DEFAULT '{}'
                              CHECK (reasons <@ ARRAY['RISK_TREATMENT', 'LEGAL', 'CONTRACTUAL', 'BUSINESS']::text[]),
        justification         text,
        risk_ids              uuid[] NOT NULL DEFAULT '{}',
        owner_id              uuid,
        implementation_status text NOT NULL DEFAULT 'NOT_STARTED'
                              CHECK (implementation_status IN ('NOT_STARTED', 'PLANNED', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED')),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organisation_id, control_id),
        CHECK (applicable = (cardinality(reasons) > 0))
      )`);
    // Replica of risk-service's treatment links, kept from risk.risk.upserted events (flow 1).
    await queryRunner.query(`
      CREATE TABLE risk_control_link (
        organisation_id uuid NOT NULL,
        risk_id         uuid NOT NULL,
        control_id      text NOT NULL,
        treatment       text NOT NULL CHECK (treatment IN ('MODIFY', 'AVOID', 'TRANSFER', 'ACCEPT')),
        PRIMARY KEY (organisation_id, risk_id, control_id)
      )`);
    await queryRunner.query('CREATE INDEX risk_control_link_org_control ON risk_control_link (organisation_id, control_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE risk_control_link');
    await queryRunner.query('DROP TABLE soa_entry');
  }
}
