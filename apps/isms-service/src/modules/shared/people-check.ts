import { EntityManager, In } from 'typeorm';
import { DomainError } from '@iso27001/platform';
import { PersonEntity } from '../people/person.entity';

/**
 * Fails with `raise(missing)` unless every given person id belongs to the organisation. One query for all ids;
 * `null`/`undefined` ids are skipped.
 */
export async function assertPeopleExist(
  manager: EntityManager,
  organisationId: string,
  ids: (string | null | undefined)[],
  raise: (missingId: string) => DomainError,
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return;
  const found = new Set((await manager.find(PersonEntity, { select: { id: true }, where: { organisationId, id: In(wanted) } })).map((p) => p.id));
  const missing = wanted.find((id) => !found.has(id));
  if (missing) throw raise(missing);
}
