import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { currentAccessToken, reportUnauthenticated } from './session.store';
import { graphqlUrl } from './gateway';

/** Adds `authorization: Bearer <token>` from the current session to every operation. */
const authLink = new SetContextLink((prevContext) => {
  const token = currentAccessToken();
  if (!token) return {};
  return { headers: { ...(prevContext.headers as Record<string, string> | undefined), authorization: `Bearer ${token}` } };
});

/** A token the gateway refuses (expired beyond renewal, signed by keys of an earlier run) ends the session. */
const unauthenticatedLink = new ErrorLink(({ error }) => {
  if (ServerError.is(error) && error.statusCode === 401) reportUnauthenticated();
});

export function createApolloClient(): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([unauthenticatedLink, authLink, new HttpLink({ uri: graphqlUrl })]),
    cache: new InMemoryCache(),
  });
}
