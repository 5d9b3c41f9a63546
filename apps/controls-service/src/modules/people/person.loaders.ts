import DataLoader from 'dataloader';
import { PersonReplicaEntity } from '@iso27001/org-replica';
import { oneToOneLoader, RequestContext, ServiceDeps } from '@iso27001/platform';
import { PersonService } from './person.service';

/** Per request: people of the replica by lower-cased id, batched into one query for the owners of all 93 SoA rows. */
export function knownPersonLoader(context: RequestContext, deps: ServiceDeps): DataLoader<string, PersonReplicaEntity | null> {
  return oneToOneLoader(context, 'knownPeople', (ids: readonly string[]) => new PersonService(deps).known(context.claims.organisationId, ids));
}

/**
 * The ids the replica knows, in their order. isms-service resolves a Person it does not know to null, which nulls a
 * non-null list of people (`SoaEntry.owners`) and with it the whole SoA: an id stored before owners were checked is
 * left out instead. Every id that can be stored now is known here (see `PersonService.refusedOwners`).
 */
export async function knownPersonIds(context: RequestContext, deps: ServiceDeps, ids: readonly (string | null)[]): Promise<string[]> {
  const wanted = ids.filter((id): id is string => !!id);
  if (wanted.length === 0) return [];
  const found = await knownPersonLoader(context, deps).loadMany(wanted.map((id) => id.toLowerCase()));
  return wanted.filter((_, index) => found[index] != null && !(found[index] instanceof Error));
}
