import { ApolloProvider } from '@apollo/client/react';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createApolloClient } from '../lib/apollo-client';
import { SessionProvider } from '../lib/session';
import { createPortalRouter } from './router';

const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps links and filled buttons above 4.5:1 contrast (WCAG AA); Mantine's default shade 6 is below it.
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

/** Secondary text and field errors darker than Mantine's defaults, so they meet WCAG AA contrast (4.5:1) on white. */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

export function App() {
  const [client] = useState(createApolloClient);
  const [router] = useState(() => createPortalRouter());
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <ApolloProvider client={client}>
        <SessionProvider>
          <ModalsProvider>
            <RouterProvider router={router} />
          </ModalsProvider>
        </SessionProvider>
      </ApolloProvider>
    </MantineProvider>
  );
}
