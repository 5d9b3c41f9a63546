import { randomUUID } from 'node:crypto';
import { OrgReplicaHooks, PersonReplicaService } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { CampaignService } from '../campaign.service';

/**
 * Campaign audiences follow the organisation, in the replica's transaction: a person who joins, moves (unit, job
 * role) or leaves is enrolled into or withdrawn from the live campaigns; so are the people of a unit that arrives or
 * moves (with its sub-units). `next`: hooks of other modules on the same changes, run first.
 */
export function campaignOrgHooks(deps: ServiceDeps, next: OrgReplicaHooks = {}): OrgReplicaHooks {
  const campaigns = new CampaignService(deps);
  const people = new PersonReplicaService(deps);
  return {
    async personChanged(manager, change) {
      await next.personChanged?.(manager, change);
      const relevant = change.before === null || change.changed.some((field) => field === 'unitId' || field === 'jobRole' || field === 'active');
      if (relevant) await campaigns.reconcilePeople(manager, change.after.organisationId, [change.after.personId], randomUUID());
    },
    async unitChanged(manager, change) {
      await next.unitChanged?.(manager, change);
      const relevant = change.before === null || change.changed.some((field) => field === 'parentId' || field === 'active');
      if (!relevant) return;
      const members = (await people.ofSubtree(manager, change.after.organisationId, [change.after.unitId])).map((person) => person.personId);
      await campaigns.reconcilePeople(manager, change.after.organisationId, members, randomUUID());
    },
  };
}
