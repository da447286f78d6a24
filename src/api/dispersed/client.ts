/**
 * Dispersed API client: the node list with its documented `sort` and
 * `filter[...]` parameters, every page fetched (limit at most 50). Every
 * request is signed with the account's key pair (dispersed-signing.ts); the
 * API takes no Bearer token.
 */
import { z } from 'zod';
import { signatureHeaders, type DispersedKeyPair } from './signing.js';
import { ApiError } from '../errors.js';
import {
  createHttpClient,
  httpTuning,
  type Credentials,
  type HttpClient,
  type HttpTuning,
  type Query,
  type RequestOptions,
} from '../http/client.js';
import type { ListPageSpec } from '../lists/list-page.js';
import { PageReader } from '../lists/page-reader.js';
import { readAllPages, type ListResult } from '../lists/paginate.js';
import { nodePageSchema, nodeSchema, type DispersedNode } from './schemas.js';
import type { ListOptions } from '../prime/client.js';

export const DISPERSED_DEFAULT_BASE_URL = 'https://api.dispersed.com';
export const DISPERSED_KEY_HINT = 'Set DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY (see README: Configuration).';
/** Why there are no keys when none are configured; the config layer says more when it knows more (an old single key). */
export const DISPERSED_NO_KEYS = `Dispersed API needs a key pair: ${DISPERSED_KEY_HINT}`;
const NODE_PAGE_SIZE = 50;
const NODE_PAGE: ListPageSpec<typeof nodePageSchema, typeof nodeSchema> = {
  envelope: nodePageSchema,
  itemsKey: 'data',
  item: nodeSchema,
  getId: (node) => node.id,
};

export const NODE_STATUSES = [
  'AVAILABLE',
  'ASSIGNED',
  'PREPARING',
  'WORKING',
  'STOPPING',
  'OFFLINE',
  'DELETED',
  'RESOURCE_BUSY',
  'OUTDATED_CLIENT',
] as const;

/** The documented `filter[...]` parameters, by their API names without the `filter[]` wrapper. */
export interface NodeFilters {
  created_at?: string;
  last_seen_at?: string;
  /** One status, or several comma-separated. */
  status?: string;
  name?: string;
  operator_account_uuid?: string;
  country_iso_code?: string;
  continent_code?: string;
  subdivision_iso_code?: string;
  compliance_tags?: string;
  uuid?: string;
  include_deleted?: boolean;
}

export interface NodeListQuery {
  /** A field name, `-` prefixed for descending, e.g. `-created_at`. */
  sort?: string;
  filter?: NodeFilters;
}

export interface DispersedClientConfig extends HttpTuning {
  baseUrl?: string;
  keys?: DispersedKeyPair | undefined;
  /** With no keys, what the Nodes tab says instead of sending unsigned requests the API would refuse. */
  missingKeys?: string | undefined;
  cap?: number;
}

export interface DispersedClient {
  readonly http: HttpClient;
  listNodes(query?: NodeListQuery, options?: ListOptions): Promise<ListResult<DispersedNode>>;
  /** How many nodes the list with this query holds, from its first page of one. */
  countNodes(query?: NodeListQuery, options?: RequestOptions): Promise<number>;
}

export function nodeQuery(query: NodeListQuery): Query {
  const params: Record<string, string | boolean | undefined> = { sort: query.sort };
  for (const [name, value] of Object.entries(query.filter ?? {})) {
    params[`filter[${name}]`] = value as string | boolean | undefined;
  }
  return params;
}

/** Each attempt signed afresh: a nonce is good for one request, and a retry is another request. */
export function signedRequests(keys: DispersedKeyPair): Credentials {
  return { noun: 'key pair', headersFor: (request) => signatureHeaders(keys, request), secrets: [keys.secretKey] };
}

/** A list's first page read for its total only. */
const LIST_TOTAL = z.object({ total: z.number().int().nonnegative() });

export function createDispersedClient(config: DispersedClientConfig): DispersedClient {
  const http = createHttpClient({
    ...httpTuning(config),
    api: 'Dispersed',
    baseUrl: config.baseUrl ?? DISPERSED_DEFAULT_BASE_URL,
    credentials: config.keys ? signedRequests(config.keys) : undefined,
    keyHint: DISPERSED_KEY_HINT,
  });
  const pages = new PageReader(http);
  const requireKeys = (): void => {
    if (!config.keys)
      throw new ApiError({ kind: 'auth', api: 'Dispersed', message: config.missingKeys ?? DISPERSED_NO_KEYS });
  };
  return {
    http,
    async countNodes(query = {}, options = {}) {
      requireKeys();
      return (await http.getJson('/v1/nodes', { ...nodeQuery(query), page: 1, limit: 1 }, LIST_TOTAL, options)).total;
    },
    async listNodes(query = {}, options = {}) {
      requireKeys();
      const base = nodeQuery(query);
      return readAllPages(pages, {
        path: '/v1/nodes',
        spec: NODE_PAGE,
        queryFor: (index, size) => ({ ...base, page: index + 1, limit: size }),
        sizes: (envelope) => ({ total: envelope.total, pageSize: envelope.limit }),
        pageSize: NODE_PAGE_SIZE,
        cap: options.cap ?? config.cap,
        options,
      });
    },
  };
}
