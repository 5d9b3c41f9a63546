import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { currentAccessToken } from './session.store';
import { graphqlUrl } from './gateway';

/** Adds `authorization: Bearer <token>` from the current session to every operation. */
const authLink = new SetContextLink((prevContext) => {
  const token = currentAccessToken();
  if (!token) return {};
  return { headers: { ...(prevContext.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } };
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([authLink, new HttpLink({ uri: graphqlUrl })]),
    cache: new InMemoryCache(),
  });
}
