import { isRole, Role } from '@iso27001/authz';

/**
 * How an identity provider's token names the caller's roles and groups. Any OpenID provider can serve the platform:
 * roles come from a claim of platform role names (`roles` by default; a dotted path such as `realm_access.roles`
 * reaches a nested one), and from groups mapped to roles by configuration (OIDC_GROUP_ROLES).
 */
export interface IdentityClaimMapping {
  rolesClaim: string;
  groupsClaim: string;
  /** Group (exactly as the provider sends it, e.g. `/iso27001/isms-managers`) → the platform roles it gives. */
  groupRoles: Readonly<Record<string, readonly Role[]>>;
}

export const DEFAULT_IDENTITY_CLAIM_MAPPING: IdentityClaimMapping = { rolesClaim: 'roles', groupsClaim: 'groups', groupRoles: {} };

export type GroupRolesParse = { ok: true; groupRoles: Record<string, Role[]> } | { ok: false; problems: string[] };

/**
 * Reads OIDC_GROUP_ROLES: either `group=role,group=role` (a group may be listed twice for two roles; roles of one
 * group may also be joined with `|`), or a JSON object `{"group": "role"}` / `{"group": ["role", …]}` for group names
 * that hold `,` or `=`. Every role must be a platform role; each problem is named.
 */
export function parseGroupRoles(value: string): GroupRolesParse {
  const text = value.trim();
  const groupRoles: Record<string, Role[]> = {};
  const problems: string[] = [];
  const add = (group: string, role: string, source: string): void => {
    if (!group) problems.push(`"${source}" names no group`);
    else if (!isRole(role)) problems.push(`"${source}": "${role}" is not a platform role (one of ${Object.values(Role).join(', ')})`);
    else {
      const roles = (groupRoles[group] ??= []);
      if (!roles.includes(role)) roles.push(role);
    }
  };
  if (!text) return { ok: true, groupRoles };
  if (text.startsWith('{') || text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problems: ['the JSON must be an object of group → role(s)'] };
    for (const [group, roles] of Object.entries(parsed as Record<string, unknown>)) {
      const list = Array.isArray(roles) ? roles : [roles];
      if (list.length === 0 || list.some((role) => typeof role !== 'string')) problems.push(`"${group}": give a role name or a list of role names`);
      else for (const role of list as string[]) add(group.trim(), role.trim(), group);
    }
  } else {
    for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const index = pair.lastIndexOf('=');
      if (index < 0) {
        problems.push(`"${pair}" is not group=role`);
        continue;
      }
      for (const role of pair.slice(index + 1).split('|')) add(pair.slice(0, index).trim(), role.trim(), pair);
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, groupRoles };
}

/** A claim by name, or by a dotted path into nested objects when no claim has the whole name. */
function claimAt(payload: Record<string, unknown>, name: string): unknown {
  if (name in payload) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A claim that holds one name or a list of names (providers send either); anything else counts as none. */
function namesAt(payload: Record<string, unknown>, name: string): string[] {
  const value = claimAt(payload, name);
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return [...new Set(list.filter((item): item is string => typeof item === 'string' && item.length > 0))];
}

export interface IdentityRoles {
  /** Platform roles: those of the roles claim and those the caller's groups map to. Unknown names are dropped. */
  roles: Role[];
  /** Every group the token names, mapped or not (role assignments in the product can name any of them). */
  groups: string[];
}

/** The caller's platform roles and groups from a verified token's payload. */
export function identityRoles(payload: Record<string, unknown>, mapping: IdentityClaimMapping): IdentityRoles {
  const groups = namesAt(payload, mapping.groupsClaim);
  const roles = new Set<Role>(namesAt(payload, mapping.rolesClaim).filter(isRole));
  for (const group of groups) for (const role of mapping.groupRoles[group] ?? []) roles.add(role);
  return { roles: [...roles], groups };
}

/** Why a token with no platform role is refused: names the claims looked at, so an operator can fix the mapping. */
export function noRoleReason(mapping: IdentityClaimMapping, groups: readonly string[]): string {
  const seen = groups.length > 0 ? `its groups (${groups.slice(0, 5).join(', ')}${groups.length > 5 ? ', …' : ''}) map to none in OIDC_GROUP_ROLES` : `it names no group in "${mapping.groupsClaim}"`;
  return `token carries no platform role: the "${mapping.rolesClaim}" claim names none and ${seen}`;
}
