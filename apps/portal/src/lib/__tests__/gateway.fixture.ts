/** The gateway address specs see instead of Vite's import.meta.env (see jest.config.js, project "portal"). */
export const gatewayUrl = 'http://gateway.test';
export const graphqlUrl = `${gatewayUrl}/graphql`;
