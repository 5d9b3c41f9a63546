import { IsBoolean, IsEnum, IsInt, IsNotEmpty, IsString, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { ImportKindType } from './import-job.type';

@InputType({ description: 'A CSV or XLSX file, base64-encoded, and what it holds.' })
export class StartImportInput {
  @Field(() => ImportKindType)
  @IsEnum(ImportKindType)
  kind: ImportKindType;

  @Field({ description: 'The original file name; its extension (.csv or .xlsx) tells the format.' })
  @Length(1, 255)
  fileName: string;

  @Field({ description: 'The file content, base64-encoded.' })
  @IsString()
  @IsNotEmpty({ message: 'contentBase64 must not be empty' })
  contentBase64: string;

  @Field({ defaultValue: false, description: 'Validate and count only; write nothing.' })
  @IsBoolean()
  dryRun: boolean;
}

@ArgsType()
export class ImportErrorsArgs {
  @Field(() => Int, { defaultValue: 100 })
  @IsInt()
  @Min(1)
  @Max(1000)
  first: number;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  offset: number;
}
