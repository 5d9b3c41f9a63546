/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base URL of the gateway, without a trailing slash. Defaults to http://127.0.0.1:4000. */
  readonly VITE_GATEWAY_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
