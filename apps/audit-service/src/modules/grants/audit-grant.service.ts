import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditGrantClaims, credentialStatus } from '@iso27001/authz';
import { UnitReplicaService } from '@iso27001/org-replica';
import { ServiceDeps } from '@iso27001/platform';
import { EngagementEntity } from '../engagements/engagement.entity';
import { AuditGrantEntity, AuditorAccessLogEntity } from './audit-grant.entity';
import { auditGrantErrors } from './audit-grant.errors';
import { GrantAuditorAccessInput } from './audit-grant.input';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A grant lasts at most a year; an invitation at most three days (and never beyond its grant). */
const MAX_GRANT_MS = 366 * DAY_MS;
const INVITATION_MS = 3 * DAY_MS;
const INVITATION_PREFIX = 'iso_inv_';

export function invitationHash(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** What the gateway binds an auditor's requests to (the claims of every request made under the grant). */
export function grantClaims(grant: AuditGrantEntity): AuditGrantClaims {
  return {
    grantId: grant.id,
    organisationId: grant.organisationId,
    engagementId: grant.engagementId,
    auditorName: grant.auditorName,
    auditorEmail: grant.auditorEmail,
    unitIds: [...grant.unitIds],
    periodStart: grant.periodStart,
    periodEnd: grant.periodEnd,
    expiresAt: grant.expiresAt.toISOString(),
  };
}

export interface Actor {
  sub: string;
  name: string;
  email: string;
}

/** Grants of external auditors: given and revoked by programme managers, checked by the gateway on every request. */
export class AuditGrantService {
  private readonly units: UnitReplicaService;

  constructor(private readonly deps: ServiceDeps) {
    this.units = new UnitReplicaService(deps);
  }

  list(organisationId: string, engagementId?: string): Promise<AuditGrantEntity[]> {
    return this.deps.dataSource.getRepository(AuditGrantEntity).find({
      where: { organisationId, ...(engagementId ? { engagementId } : {}) },
      order: { grantedAt: 'DESC', id: 'ASC' },
    });
  }

  async get(organisationId: string, id: string): Promise<AuditGrantEntity> {
    const grant = await this.deps.dataSource.getRepository(AuditGrantEntity).findOneBy({ organisationId, id });
    if (!grant) throw auditGrantErrors.raise('GRANT_NOT_FOUND', `no audit grant ${id} in your organisation`);
    return grant;
  }

  async unitNames(organisationId: string, unitIds: readonly string[]): Promise<Map<string, string>> {
    const known = await this.units.byIds(this.deps.dataSource.manager, organisationId, unitIds);
    return new Map([...known].map(([id, unit]) => [id, unit.name]));
  }

  async grant(organisationId: string, input: GrantAuditorAccessInput, actor: Actor, now = new Date()): Promise<AuditGrantEntity> {
    const auditorEmail = input.auditorEmail.trim().toLowerCase();
    if (auditorEmail === actor.email.trim().toLowerCase()) {
      throw auditGrantErrors.raise('GRANT_TO_SELF', 'nobody grants audit access to themselves: the auditor is independent of whoever grants it');
    }
    if (input.periodEnd < input.periodStart) {
      throw auditGrantErrors.raise('GRANT_PERIOD_INVALID', `periodEnd (${input.periodEnd}) is before periodStart (${input.periodStart})`, { field: 'periodEnd' });
    }
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) {
      throw auditGrantErrors.raise('GRANT_EXPIRY_INVALID', `expiresAt (${input.expiresAt}) is not in the future`, { field: 'expiresAt' });
    }
    if (expiresAt.getTime() - now.getTime() > MAX_GRANT_MS) {
      throw auditGrantErrors.raise('GRANT_EXPIRY_INVALID', `expiresAt (${input.expiresAt}) is more than a year ahead: grant again when the next audit starts`, { field: 'expiresAt' });
    }
    const unitIds = [...new Set(input.unitIds.map((id) => id.toLowerCase()))];
    return this.deps.dataSource.transaction(async (manager: EntityManager) => {
      const engagement = await manager.findOneBy(EngagementEntity, { organisationId, id: input.engagementId });
      if (!engagement) throw auditGrantErrors.raise('GRANT_ENGAGEMENT_NOT_FOUND', `no engagement ${input.engagementId} in your organisation`, { field: 'engagementId' });
      if (engagement.status === 'CLOSED') throw auditGrantErrors.raise('GRANT_ENGAGEMENT_CLOSED', `engagement "${engagement.title}" is closed: no new access to it`);
      const known = await this.units.byIds(manager, organisationId, unitIds);
      const unknown = unitIds.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        throw auditGrantErrors.raise('GRANT_UNIT_UNKNOWN', `unknown unit${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, { field: 'unitIds' });
      }
      const repository = manager.getRepository(AuditGrantEntity);
      return repository.save(
        repository.create({
          organisationId,
          engagementId: engagement.id,
          auditorName: input.auditorName.trim(),
          auditorEmail,
          firm: input.firm.trim(),
          unitIds,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          expiresAt,
          grantedBySub: actor.sub,
          grantedByName: actor.name,
        }),
      );
    });
  }

  async revoke(organisationId: string, id: string, actor: Actor): Promise<AuditGrantEntity> {
    return this.locked(organisationId, id, async (manager, grant) => {
      if (grant.revokedAt) throw auditGrantErrors.raise('GRANT_REVOKED', `the grant of ${grant.auditorName} was already revoked on ${grant.revokedAt.toISOString()}`);
      Object.assign(grant, { revokedAt: new Date(), revokedByName: actor.name, invitationHash: null, invitationExpiresAt: null });
      return manager.save(grant);
    });
  }

  /** A one-time invitation for the grant's auditor; a new one replaces any earlier that was not used. */
  async invite(organisationId: string, id: string): Promise<{ code: string; expiresAt: Date; grant: AuditGrantEntity }> {
    const code = `${INVITATION_PREFIX}${randomBytes(32).toString('base64url')}`;
    const grant = await this.locked(organisationId, id, async (manager, found) => {
      const status = credentialStatus(found);
      if (status === 'REVOKED') throw auditGrantErrors.raise('GRANT_REVOKED', `the grant of ${found.auditorName} is revoked`);
      if (status === 'EXPIRED') throw auditGrantErrors.raise('GRANT_EXPIRED', `the grant of ${found.auditorName} expired on ${found.expiresAt.toISOString()}`);
      found.invitationHash = invitationHash(code);
      found.invitationExpiresAt = new Date(Math.min(Date.now() + INVITATION_MS, found.expiresAt.getTime()));
      return manager.save(found);
    });
    return { code, expiresAt: grant.invitationExpiresAt as Date, grant };
  }

  /** Redeems an invitation once: the grant it belongs to, or why not. Logged as a sign-in. */
  async redeem(code: string, requestId: string | null): Promise<{ grant: AuditGrantEntity } | { refused: string }> {
    if (!code.startsWith(INVITATION_PREFIX)) return { refused: 'this is not an invitation code' };
    return this.deps.dataSource.transaction(async (manager) => {
      const grant = await manager
        .getRepository(AuditGrantEntity)
        .createQueryBuilder('g')
        .setLock('pessimistic_write')
        .where('g.invitation_hash = :hash', { hash: invitationHash(code) })
        .getOne();
      if (!grant) return { refused: 'the invitation is unknown or was already used' };
      const status = credentialStatus(grant);
      const expired = (grant.invitationExpiresAt?.getTime() ?? 0) <= Date.now();
      const refused = status !== 'ACTIVE' ? `the grant is ${status.toLowerCase()}` : expired ? 'the invitation expired: ask for a new one' : null;
      grant.invitationHash = null;
      grant.invitationExpiresAt = null;
      if (!refused) grant.lastUsedAt = new Date();
      await manager.save(grant);
      await this.log(manager, grant, refused ? 'REFUSED' : 'SIGN_IN', refused ? `invitation refused: ${refused}` : 'signed in with the invitation', requestId);
      return refused ? { refused } : { grant };
    });
  }

  /**
   * The gateway's check before each request of an auditor: the grant must be active; the request is logged either
   * way (a refusal as REFUSED). Returns the grant or why it is refused.
   */
  async check(organisationId: string, grantId: string, detail: string, kind: 'REQUEST' | 'DOWNLOAD', requestId: string | null): Promise<{ grant: AuditGrantEntity } | { refused: string }> {
    return this.deps.dataSource.transaction(async (manager) => {
      const grant = await manager.findOneBy(AuditGrantEntity, { organisationId, id: grantId });
      if (!grant) return { refused: 'the audit grant does not exist' };
      const status = credentialStatus(grant);
      if (status !== 'ACTIVE') {
        await this.log(manager, grant, 'REFUSED', `${detail}: the grant is ${status.toLowerCase()}`, requestId);
        return { refused: `the audit grant is ${status.toLowerCase()}` };
      }
      // One write per minute at most for "last used"; every request still gets its log line.
      await manager.query(`UPDATE audit_grant SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [grant.id]);
      await this.log(manager, grant, kind, detail, requestId);
      return { grant };
    });
  }

  /** The active grants of an auditor who signed in at the identity provider (by e-mail), newest first. */
  activeFor(organisationId: string, email: string): Promise<AuditGrantEntity[]> {
    return this.deps.dataSource
      .getRepository(AuditGrantEntity)
      .createQueryBuilder('g')
      .where('g.organisation_id = :organisationId AND g.auditor_email = :email AND g.revoked_at IS NULL AND g.expires_at > now()', { organisationId, email: email.trim().toLowerCase() })
      .orderBy('g.granted_at', 'DESC')
      .getMany();
  }

  async accessLog(organisationId: string, grantId: string, first: number, offset: number): Promise<{ totalCount: number; nodes: AuditorAccessLogEntity[] }> {
    const [nodes, totalCount] = await this.deps.dataSource.getRepository(AuditorAccessLogEntity).findAndCount({
      where: { organisationId, grantId },
      order: { id: 'DESC' },
      skip: offset,
      take: first,
    });
    return { totalCount, nodes };
  }

  private async log(manager: EntityManager, grant: AuditGrantEntity, kind: string, detail: string, requestId: string | null): Promise<void> {
    await manager.insert(AuditorAccessLogEntity, { organisationId: grant.organisationId, grantId: grant.id, at: new Date(), kind, detail: detail.slice(0, 2000), requestId });
  }

  private async locked<T>(organisationId: string, id: string, apply: (manager: EntityManager, grant: AuditGrantEntity) => Promise<T>): Promise<T> {
    return this.deps.dataSource.transaction(async (manager) => {
      const grant = await manager
        .getRepository(AuditGrantEntity)
        .createQueryBuilder('g')
        .setLock('pessimistic_write')
        .where('g.id = :id AND g.organisation_id = :organisationId', { id, organisationId })
        .getOne();
      if (!grant) throw auditGrantErrors.raise('GRANT_NOT_FOUND', `no audit grant ${id} in your organisation`);
      return apply(manager, grant);
    });
  }
}
