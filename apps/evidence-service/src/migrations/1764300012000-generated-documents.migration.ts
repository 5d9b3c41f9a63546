import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated documents: which evidence item holds each document the platform renders for an organisation (a new
 * rendering is a new version of it), and the replica of the approved ISMS scope versions the Stage 1 pack is built for.
 */
export class GeneratedDocuments1764300012000 implements MigrationInterface {
  name = 'GeneratedDocuments1764300012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE generated_document (
        organisation_id   uuid NOT NULL,
        document          text NOT NULL CHECK (document ~ '^[a-z0-9-]{1,64}$'),
        evidence_id       uuid NOT NULL,
        sha256            text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        generated_at      timestamptz NOT NULL,
        generated_by      text NOT NULL,
        PRIMARY KEY (organisation_id, document)
      )`);
    await queryRunner.query(`
      CREATE TABLE isms_scope_replica (
        organisation_id   uuid NOT NULL,
        scope_id          uuid NOT NULL,
        version           integer NOT NULL,
        in_scope_unit_ids uuid[] NOT NULL DEFAULT '{}',
        approved_at       timestamptz NOT NULL,
        approved_by       text NOT NULL,
        superseded        boolean NOT NULL DEFAULT false,
        PRIMARY KEY (organisation_id, scope_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE isms_scope_replica');
    await queryRunner.query('DROP TABLE generated_document');
  }
}
