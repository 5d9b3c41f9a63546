const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';

/** Base URL of the gateway (auth endpoints and GraphQL), without a trailing slash. */
export const gatewayUrl: string = (import.meta.env.VITE_GATEWAY_URL || DEFAULT_GATEWAY_URL).replace(/\/+$/, '');

/** The federated GraphQL endpoint served by the gateway. */
export const graphqlUrl = `${gatewayUrl}/graphql`;
