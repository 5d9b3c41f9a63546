import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ImportKindType {
  PEOPLE = 'PEOPLE',
  UNITS = 'UNITS',
}
registerEnumType(ImportKindType, { name: 'IsmsImportKind', description: 'What an import file holds: people or organisation units.' });

export enum ImportJobStatusType {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(ImportJobStatusType, {
  name: 'IsmsImportJobStatus',
  description: 'SUCCEEDED means the file was processed (rows with errors are listed and were skipped); FAILED means nothing was written.',
});

@ObjectType('IsmsImportRowError', { description: 'Why one row of an import was not applied.' })
export class ImportRowErrorType {
  @Field(() => Int, { description: 'Row number as shown in the spreadsheet (the header is row 1).' })
  rowNumber: number;

  @Field(() => String, { nullable: true })
  column: string | null;

  @Field()
  message: string;
}

@ObjectType('IsmsImportJob', { description: 'A bulk import of people or units, processed in the background; poll it for progress and the validation report.' })
export class ImportJobType {
  @Field(() => ID)
  id: string;

  @Field(() => ImportKindType)
  kind: ImportKindType;

  @Field()
  fileName: string;

  @Field({ description: 'A dry run validates and counts but writes nothing.' })
  dryRun: boolean;

  @Field(() => ImportJobStatusType)
  status: ImportJobStatusType;

  @Field(() => String, { nullable: true, description: 'Why the job failed, or a summary once it succeeded.' })
  message: string | null;

  @Field(() => Int, { nullable: true, description: 'Data rows in the file (known once it is read).' })
  totalRows: number | null;

  @Field(() => Int)
  processedRows: number;

  @Field(() => Int)
  createdCount: number;

  @Field(() => Int)
  updatedCount: number;

  @Field(() => Int)
  unchangedCount: number;

  @Field(() => Int)
  failedCount: number;

  @Field(() => Int, { description: 'Percentage of rows processed (0-100).' })
  progressPercent: number;

  @Field()
  requestedBy: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  startedAt: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}
