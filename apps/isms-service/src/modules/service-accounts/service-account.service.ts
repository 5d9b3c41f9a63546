import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { credentialStatus, Role } from '@iso27001/authz';
import { ServiceDeps } from '@iso27001/platform';
import { OrgUnitEntity } from '../org-units/org-unit.entity';
import { ServiceAccountEntity } from './service-account.entity';
import { serviceAccountErrors } from './service-account.errors';
import { CreateServiceAccountInput } from './service-account.input';

const TOKEN_PREFIX = 'iso_sa_';
const MAX_LIFETIME_MS = 366 * 24 * 60 * 60 * 1000;
/** Roles a service account may act with: reading, and changing records of its units as an owner would. */
const ALLOWED_ROLES: readonly Role[] = [Role.ServiceAccount, Role.RiskOwner, Role.ControlOwner];

/**
 * Tokens are 32 random bytes: a plain SHA-256 is enough to store them (no dictionary to guess from, unlike a
 * password), and lets the gateway's check find the account in one indexed look-up.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isServiceAccountToken(token: string): boolean {
  return /^iso_sa_[A-Za-z0-9_-]{43}$/.test(token);
}

function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What the gateway turns a valid token into: the account's identity, roles and units. */
export interface ServiceAccountIdentity {
  sub: string;
  organisationId: string;
  name: string;
  email: string;
  roles: string[];
  unitIds: string[];
}

export class ServiceAccountService {
  constructor(private readonly deps: ServiceDeps) {}

  list(organisationId: string): Promise<ServiceAccountEntity[]> {
    return this.deps.dataSource.getRepository(ServiceAccountEntity).find({ where: { organisationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async create(organisationId: string, input: CreateServiceAccountInput, actorName: string, now = new Date()): Promise<{ token: string; account: ServiceAccountEntity }> {
    const roles = [...new Set<string>([Role.ServiceAccount, ...input.roles.map((role) => role as unknown as string)])];
    const refused = roles.filter((role) => !ALLOWED_ROLES.includes(role as Role));
    if (refused.length > 0) {
      throw serviceAccountErrors.raise(
        'SERVICE_ACCOUNT_ROLE_NOT_ALLOWED',
        `a service account cannot act as ${refused.join(', ')}: only ${ALLOWED_ROLES.join(', ')} (administration, programme management, top management and audit are for people)`,
        { field: 'roles' },
      );
    }
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= now.getTime()) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_EXPIRY_INVALID', `expiresAt (${input.expiresAt}) is not in the future`, { field: 'expiresAt' });
    if (expiresAt.getTime() - now.getTime() > MAX_LIFETIME_MS) {
      throw serviceAccountErrors.raise('SERVICE_ACCOUNT_EXPIRY_INVALID', `expiresAt (${input.expiresAt}) is more than a year ahead: rotate the token instead`, { field: 'expiresAt' });
    }
    const unitIds = [...new Set(input.unitIds.map((id) => id.toLowerCase()))];
    return this.deps.dataSource.transaction(async (manager) => {
      const known = unitIds.length > 0 ? await manager.findBy(OrgUnitEntity, { organisationId, id: In(unitIds), active: true }) : [];
      const unknown = unitIds.filter((id) => !known.some((unit) => unit.id === id));
      if (unknown.length > 0) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_UNIT_UNKNOWN', `unknown or inactive unit: ${unknown.join(', ')}`, { field: 'unitIds' });
      const name = input.name.trim();
      const taken = await manager
        .getRepository(ServiceAccountEntity)
        .createQueryBuilder('a')
        .where('a.organisation_id = :organisationId AND lower(a.name) = lower(:name) AND a.revoked_at IS NULL', { organisationId, name })
        .getExists();
      if (taken) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_NAME_TAKEN', `a service account named "${name}" exists already`, { field: 'name' });
      const token = newToken();
      const repository = manager.getRepository(ServiceAccountEntity);
      const account = await repository.save(
        repository.create({
          organisationId,
          name,
          description: input.description.trim(),
          roles,
          unitIds,
          tokenHash: tokenHash(token),
          tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
          expiresAt,
          createdByName: actorName,
        }),
      );
      return { token, account };
    });
  }

  /** A new token; the old one is refused from now on. */
  async rotate(organisationId: string, id: string): Promise<{ token: string; account: ServiceAccountEntity }> {
    return this.locked(organisationId, id, async (manager, account) => {
      if (account.revokedAt) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_REVOKED', `service account "${account.name}" is revoked`);
      const token = newToken();
      Object.assign(account, { tokenHash: tokenHash(token), tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6), rotatedAt: new Date() });
      return { token, account: await manager.save(account) };
    });
  }

  async revoke(organisationId: string, id: string, actorName: string): Promise<ServiceAccountEntity> {
    return this.locked(organisationId, id, async (manager, account) => {
      if (account.revokedAt) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_REVOKED', `service account "${account.name}" was already revoked`);
      Object.assign(account, { revokedAt: new Date(), revokedByName: actorName });
      return manager.save(account);
    });
  }

  /** The gateway's check of a token, on every request: the identity, or why not. Records the last use (once a minute). */
  async verify(token: string): Promise<ServiceAccountIdentity | { refused: string }> {
    if (!isServiceAccountToken(token)) return { refused: 'not a service account token' };
    const account = await this.deps.dataSource.getRepository(ServiceAccountEntity).findOneBy({ tokenHash: tokenHash(token) });
    if (!account) return { refused: 'unknown service account token (rotated away, or never issued)' };
    const status = credentialStatus(account);
    if (status !== 'ACTIVE') return { refused: `the service account "${account.name}" is ${status.toLowerCase()}` };
    await this.deps.dataSource.query(`UPDATE service_account SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [account.id]);
    return {
      sub: `service-account:${account.id}`,
      organisationId: account.organisationId,
      name: account.name,
      email: `${account.id}@service-accounts.invalid`,
      roles: account.roles,
      unitIds: account.unitIds,
    };
  }

  private async locked<T>(organisationId: string, id: string, apply: (manager: EntityManager, account: ServiceAccountEntity) => Promise<T>): Promise<T> {
    return this.deps.dataSource.transaction(async (manager) => {
      const account = await manager
        .getRepository(ServiceAccountEntity)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id AND a.organisation_id = :organisationId', { id, organisationId })
        .getOne();
      if (!account) throw serviceAccountErrors.raise('SERVICE_ACCOUNT_NOT_FOUND', `no service account ${id} in your organisation`);
      return apply(manager, account);
    });
  }
}
