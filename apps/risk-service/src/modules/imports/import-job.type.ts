import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsBoolean, IsEnum, IsOptional, Length } from 'class-validator';

export enum RiskImportKind {
  RISKS = 'RISKS',
  ASSETS = 'ASSETS',
}
registerEnumType(RiskImportKind, { name: 'RiskImportKind' });

export enum RiskImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(RiskImportFormat, { name: 'RiskImportFormat' });

export enum RiskImportStatus {
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  COMPLETED_WITH_ERRORS = 'COMPLETED_WITH_ERRORS',
  FAILED = 'FAILED',
}
registerEnumType(RiskImportStatus, { name: 'RiskImportStatus' });

@ObjectType('RiskImportRowError')
export class ImportRowErrorType {
  @Field(() => Int, { description: 'Row number in the file (the header is row 1).' })
  row: number;

  @Field(() => String, { nullable: true })
  field: string | null;

  @Field()
  message: string;
}

@ObjectType('RiskImportJob', { description: 'An import of risks or assets: progress and the per-row report.' })
export class ImportJobType {
  @Field(() => ID)
  id: string;

  @Field(() => RiskImportKind)
  kind: RiskImportKind;

  @Field(() => RiskImportFormat)
  format: RiskImportFormat;

  @Field(() => String, { nullable: true })
  filename: string | null;

  @Field({ description: 'Validated only; nothing imported.' })
  dryRun: boolean;

  @Field(() => RiskImportStatus)
  status: RiskImportStatus;

  @Field(() => Int)
  totalRows: number;

  @Field(() => Int)
  processedRows: number;

  @Field(() => Int, { description: 'Rows imported (or, in a dry run, that would be).' })
  importedRows: number;

  @Field(() => Int)
  errorRows: number;

  @Field(() => [ImportRowErrorType])
  errors: ImportRowErrorType[];

  @Field(() => String, { nullable: true, description: 'Why the job stopped, when it FAILED; batches before it stay imported.' })
  failure: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;
}

@InputType('StartRiskImportInput')
export class StartImportInput {
  @Field(() => RiskImportKind)
  @IsEnum(RiskImportKind)
  kind: RiskImportKind;

  @Field(() => RiskImportFormat)
  @IsEnum(RiskImportFormat)
  format: RiskImportFormat;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 255)
  filename?: string | null;

  @Field({ description: 'The file, base64-encoded.' })
  @Length(1, 8_000_000, { message: 'contentBase64 must hold the file (at most about 6 MB)' })
  contentBase64: string;

  @Field({ defaultValue: false, description: 'Validate every row and report, importing nothing.' })
  @IsBoolean()
  dryRun: boolean;
}
