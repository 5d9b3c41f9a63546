import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The evidence item that holds a document the platform generates for an organisation, and its latest content hash. */
@Entity({ name: 'generated_document' })
export class GeneratedDocumentEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** The document's name (`isms-scope`, `statement-of-applicability`…): see GENERATED_DOCUMENTS. */
  @PrimaryColumn({ type: 'text' })
  document: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  /** SHA-256 of the current version's file. */
  @Column({ type: 'text' })
  sha256: string;

  /** When the current version was generated. */
  @Column({ name: 'generated_at', type: 'timestamptz' })
  generatedAt: Date;

  @Column({ name: 'generated_by', type: 'text' })
  generatedBy: string;
}
