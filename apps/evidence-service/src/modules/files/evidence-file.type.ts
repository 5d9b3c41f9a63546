import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('EvidenceFile', { description: 'An uploaded evidence file: its metadata (the bytes are downloaded from GET /evidence/files/{id}).' })
export class EvidenceFileType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Hex SHA-256 of the content, computed by the server while the upload streamed.' })
  sha256: string;

  @Field(() => Float, { description: 'Size in bytes.' })
  sizeBytes: number;

  @Field({ description: 'Media type detected from the bytes (never from the name).' })
  mediaType: string;

  @Field({ description: 'Display name as uploaded, without path, control or bidi characters; at most 255 characters.' })
  fileName: string;

  @Field(() => ID, { nullable: true, description: 'The unit the file was collected for; null for organisation-wide evidence.' })
  unitId: string | null;

  @Field()
  uploadedAt: Date;

  @Field({ description: 'Subject of the uploader.' })
  uploadedBy: string;
}
