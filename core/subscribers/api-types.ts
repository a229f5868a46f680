/**
 * The transport-neutral shape of the subscribers API: what an edge (Node
 * `http`, API Gateway, the preview server) turns its request into, and
 * what it writes back verbatim.
 */

/** One request. Header names in any case; `path` relative to the API's mount point (e.g. `/unsubscribe`). */
export interface ApiRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
  query: Readonly<Record<string, string | undefined>>;
  /** The client's address, for per-IP throttling (the edge decides which proxy header to trust). */
  sourceIp?: string;
}

/** One response: never a redirect, never a cookie. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The API's answer to a request. Never throws. */
export type ApiHandler = (request: ApiRequest) => Promise<ApiResponse>;
