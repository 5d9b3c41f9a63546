import type { ReactNode } from 'react';
import { describeError } from './http.errors';

interface ErrorPanelProps {
  title: string;
  error: unknown;
  testId?: string;
  children?: ReactNode;
}

/** A visible, announced error box: what failed, the server's own words, and what the user can do. */
export function ErrorPanel({ title, error, testId, children }: ErrorPanelProps) {
  const described = describeError(error);
  return (
    <div className="error-panel" role="alert" data-testid={testId}>
      <h2 className="error-panel__title">{title}</h2>
      <p className="error-panel__summary">{described.summary}</p>
      {described.details.length > 0 && (
        <ul className="error-panel__details">
          {described.details.map((detail, i) => (
            <li key={i}>
              <code>{detail}</code>
            </li>
          ))}
        </ul>
      )}
      {children && <div className="error-panel__actions">{children}</div>}
    </div>
  );
}
