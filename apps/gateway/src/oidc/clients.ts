/** The embedded provider's clients, shared with the tools that sign in at it. */

/** The scripts' and tests' client: a native app with a loopback redirect (RFC 8252), code flow with PKCE like the portal. */
export const TOOLS_CLIENT_ID = 'iso27001-tools';
export const TOOLS_REDIRECT_URI = 'http://127.0.0.1/callback';

/** Where the provider sends the portal's people back: after sign-in, and after sign-out. */
export const PORTAL_CALLBACK_PATH = '/auth/callback';
export const PORTAL_SIGNED_OUT_PATH = '/signed-out';
