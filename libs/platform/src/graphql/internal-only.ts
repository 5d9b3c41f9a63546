import { MiddlewareFn, UseMiddleware } from 'type-graphql';
import { Role } from '@iso27001/authz';
import { RequestContext } from './context';

/* eslint-disable @typescript-eslint/no-unsafe-function-type */
/** A field meant for internal eyes, with why (listed in docs/permissions.md). */
export interface InternalField {
  target: Function;
  field: string;
  reason: string;
}

const internalFields: InternalField[] = [];

export function internalOnlyFields(): readonly InternalField[] {
  return internalFields;
}

/** True for a caller who is an external auditor and nothing else (the gateway strips other roles from them). */
export function isExternalAuditor(context: Pick<RequestContext, 'claims'>): boolean {
  return context.claims.roles.includes(Role.ExternalAuditor);
}

const hideFromExternalAuditors: MiddlewareFn<RequestContext> = async ({ context }, next) => (isExternalAuditor(context) ? null : next());

/**
 * A nullable field an external auditor never receives (null for them, whatever the record): HR identifiers,
 * reporting lines, draft review comments. The list, with the reasons, is generated into the permission matrix.
 */
export function InternalOnly(reason: string): PropertyDecorator & MethodDecorator {
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    internalFields.push({ target: (target as { constructor: Function }).constructor, field: String(propertyKey), reason });
    (UseMiddleware(hideFromExternalAuditors) as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(target, propertyKey, descriptor);
  };
}
/* eslint-enable @typescript-eslint/no-unsafe-function-type */
