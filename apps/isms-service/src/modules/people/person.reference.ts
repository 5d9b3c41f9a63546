import DataLoader from 'dataloader';
import { loader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PersonEntity } from './person.entity';
import { toPersonType } from './person.mapper';
import { PersonService } from './person.service';

export function personLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PersonEntity | null> {
  return loader(context, 'people', () => {
    const people = new PersonService(deps);
    return new DataLoader<string, PersonEntity | null>(async (ids) => {
      const found = new Map((await people.byIds(context.claims.organisationId, ids)).map((person) => [person.id, person]));
      return ids.map((id) => found.get(id) ?? null);
    });
  });
}

/** Other subgraphs hold `Person` stubs (a risk's owner, a trainee); the gateway resolves them here in batches. */
export function personReference(deps: ServiceDeps) {
  return {
    Person: {
      async __resolveReference(reference: { id: string }, context: RequestContext) {
        const person = await personLoader(deps, context).load(reference.id);
        return person ? toPersonType(person) : null;
      },
    },
  };
}
