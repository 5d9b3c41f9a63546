import { lookup } from 'node:dns';
import { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Whether an address is one an outside service may have (public unicast); private, loopback, link-local and the like are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/**
 * A DNS lookup for outbound requests to addresses that callers configure (collectors, webhooks): it refuses
 * non-public addresses at connect time, so a name cannot be re-pointed after a check (DNS rebinding). `subject`
 * names what resolved in the error (a webhook URL is a secret and stays out of it).
 */
export function guardedLookup(allowPrivate: boolean, subject: (hostname: string) => string = (hostname) => hostname): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = allowPrivate ? undefined : list.find((entry) => !isPublicAddress(entry.address));
      if (refused) return callback(Object.assign(new Error(`${subject(hostname)} resolves to ${refused.address}, a private or loopback address`), { code: 'EADDRNOTPUBLIC' }), '', 4);
      if (options.all) return callback(null, list as never);
      return callback(null, list[0]!.address, list[0]!.family); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    });
  };
}
