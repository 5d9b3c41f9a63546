import { IsInt, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

/** The largest page a list field returns: a client that needs more asks for the next page. */
export const MAX_PAGE_SIZE = 200;

/** Offset pagination of the services' paginated lists (first 1–200, offset ≥ 0); each list adds its filters. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: `Page size: 1 to ${MAX_PAGE_SIZE} rows (50 unless given).` })
  @IsInt()
  @Min(1, { message: 'first must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}: ask for the next page with offset` })
  first: number;

  @Field(() => Int, { defaultValue: 0, description: 'Rows to skip before the page starts (0 unless given).' })
  @IsInt()
  @Min(0, { message: 'offset must be 0 or more' })
  offset: number;
}
