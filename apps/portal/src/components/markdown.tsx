import { Typography } from '@mantine/core';
import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

/**
 * Headings one level down: the screen's own title is the page's only h1, so a document's "# Title" becomes an h2.
 * Links open outside the portal.
 */
const COMPONENTS: Components = {
  h1: ({ children }) => <h2>{children}</h2>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h5>{children}</h5>,
  h5: ({ children }) => <h6>{children}</h6>,
  a: ({ children, href }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/**
 * A Markdown document (a policy's text) rendered safely: raw HTML in the source is dropped, never rendered, and link
 * addresses other than http(s), mailto and relative ones are removed (react-markdown's default URL rule).
 */
export function MarkdownDocument({ source, testId = 'markdown', label, children }: { source: string; testId?: string; label?: string; children?: ReactNode }) {
  return (
    <article aria-label={label} data-testid={testId}>
      <Typography>
        <Markdown skipHtml components={COMPONENTS}>
          {source}
        </Markdown>
      </Typography>
      {children}
    </article>
  );
}
