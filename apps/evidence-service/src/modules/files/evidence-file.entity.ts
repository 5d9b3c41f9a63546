import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One uploaded evidence file: metadata only; the bytes live in the file store under their SHA-256. */
@Entity({ name: 'evidence_file' })
@Index(['organisationId', 'uploadedAt'])
export class EvidenceFileEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** The unit the file was collected for; null for organisation-wide evidence (programme roles only). */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId: string | null;

  /** Hex SHA-256 of the bytes (the content address in the file store). */
  @Index()
  @Column({ type: 'text' })
  sha256: string;

  /** Size in bytes (bigint in PostgreSQL, read back as a string by pg: see the mapper). */
  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes: string;

  /** Media type detected from the bytes, never from the name. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  /** Display name only (sanitised: no path, no control characters, at most 255 characters). */
  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  /** Subject (claims.sub) of the uploader. */
  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;
}
