import { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { Logger } from '@iso27001/platform';

/** One error in the GraphQL response shape, for answers the gateway gives before Apollo sees the request. */
export function sendError(res: Response, status: number, message: string, extensions: Record<string, unknown>): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}

/** What body-parser's error types mean for the caller (https://github.com/expressjs/body-parser#errors). */
const BODY_ERRORS: Record<string, { status: number; message: (error: { limit?: number }) => string }> = {
  'entity.parse.failed': { status: 400, message: () => 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, message: (error) => `the request body is larger than the limit of ${error.limit ?? '?'} bytes` },
  'encoding.unsupported': { status: 415, message: () => 'the request body has an unsupported content encoding' },
  'charset.unsupported': { status: 415, message: () => 'the request body has an unsupported charset; send UTF-8' },
  'request.size.invalid': { status: 400, message: () => 'the request body is shorter or longer than its Content-Length' },
  'request.aborted': { status: 400, message: () => 'the request was aborted before its body arrived' },
  'stream.encoding.set': { status: 500, message: () => 'internal error' },
};

/** A POST to /graphql must carry JSON: otherwise nothing was parsed and Apollo would answer 500. GET goes to Apollo. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method === 'POST' && !req.is('application/json')) {
    sendError(res, 400, 'send the operation as JSON: Content-Type: application/json', { code: 'BAD_REQUEST' });
    return;
  }
  req.body ??= {};
  next();
};

/**
 * The last handler: body-parser's errors as JSON with their status, anything else as "internal error" with the
 * request id, logged with its stack. Never an HTML page, a stack trace or a path on the server.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { type?: string; limit?: number }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const known = error.type ? BODY_ERRORS[error.type] : undefined;
    if (known && known.status < 500) {
      sendError(res, known.status, known.message(error), { code: 'BAD_REQUEST' });
      return;
    }
    const requestId = res.locals['requestId'] as string | undefined;
    logger.error({ err: error, requestId }, 'unexpected error in the gateway');
    sendError(res, 500, 'internal error', { code: 'INTERNAL_SERVER_ERROR', requestId });
  };
}
