import { IsUUID } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';

/** `(id: ID!)` for queries and mutations on one record; a malformed id is a validation error, not a crash. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}
