import DataLoader from 'dataloader';
import { ScopeRule } from '@iso27001/authz';
import { oneToOneLoader, RequestContext, scopedReference, ServiceDeps } from '@iso27001/platform';
import { PersonEntity } from './person.entity';
import { toPersonType } from './person.mapper';
import { PersonService } from './person.service';

export function personLoader(deps: ServiceDeps, context: RequestContext): DataLoader<string, PersonEntity | null> {
  return oneToOneLoader(context, 'people', (ids) => new PersonService(deps).byIds(context.claims.organisationId, ids));
}

/** Other subgraphs hold `Person` stubs (a risk's owner, a trainee); the gateway resolves them here in batches. */
export function personReference(deps: ServiceDeps) {
  return {
    Person: {
      __resolveReference: scopedReference(ScopeRule.Parent, 'a person named on a record the caller may read (owner, trainee); the gateway reaches it only from such a record', async (reference: { id: string }, context: RequestContext) => {
        const person = await personLoader(deps, context).load(reference.id);
        return person ? toPersonType(person) : null;
      }),
    },
  };
}
