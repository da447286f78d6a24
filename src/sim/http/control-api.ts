import type { SimControl } from '../control.js';
import { normalizeFaultRule } from '../faults.js';
import { DuplicateIdError } from '../world.js';
import { RESOURCE_KINDS, type GpuAvailability, type ResourceKind, type Scope } from '../wire-types.js';
import { OFFER_ENDPOINTS, type OfferEndpoint } from '../kinds/offers.js';
import { type SimResponse, json } from './responses.js';

/**
 * The control API over HTTP, under `/_sim` (a prefix neither real API has).
 * No auth and not logged: it is the test harness talking, not a client.
 */
export function handleControl(method: string, path: string, body: unknown, control: SimControl): SimResponse {
  const parts = path.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  const [section, kindRaw, id, tail] = parts;

  if (section === 'requests' && parts.length === 1) {
    if (method === 'GET') return json(200, control.requests());
    if (method === 'DELETE') return noContent(control.clearRequests());
    return notAllowed('GET, DELETE');
  }
  if (section === 'faults' && parts.length === 1) {
    if (method === 'POST') {
      const rule = normalizeFaultRule(body);
      if (typeof rule === 'string') return bad(400, rule);
      control.injectFault(rule);
      return json(201, rule);
    }
    if (method === 'DELETE') return noContent(control.clearFaults());
    return notAllowed('POST, DELETE');
  }
  if (section === 'advance' && parts.length === 1) {
    if (method !== 'POST') return notAllowed('POST');
    const ms = isRecord(body) ? body['ms'] : undefined;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      return bad(400, 'body must be {"ms": <non-negative number>}');
    control.advance(ms);
    return clock(control);
  }
  if (section === 'wallet' && parts.length === 1) {
    if (method === 'GET') return json(200, control.wallet());
    if (method !== 'PUT') return notAllowed('GET, PUT');
    const balance = isRecord(body) ? body['balance'] : undefined;
    if (typeof balance !== 'number' || !Number.isFinite(balance))
      return bad(400, 'body must be {"balance": <number of dollars>}');
    control.setBalance(balance);
    return json(200, control.wallet());
  }
  if (section === 'whoami') {
    if (parts.length === 1) return method === 'GET' ? json(200, control.whoami()) : notAllowed('GET');
    if (parts.length === 2 && kindRaw === 'scope') {
      if (method !== 'PUT') return notAllowed('PUT');
      if (!isScope(body))
        return bad(400, 'body must be an object of permission names, each {"read": bool, "write": bool} or null');
      control.setScope(body);
      return json(200, control.whoami());
    }
  }
  if (section === 'offers') return offerControl(method, parts.slice(1), body, control);
  if (section === 'clock' && parts.length === 1) {
    return method === 'GET' ? clock(control) : notAllowed('GET');
  }
  if (section === 'resources' && kindRaw !== undefined) {
    if (!(RESOURCE_KINDS as readonly string[]).includes(kindRaw))
      return bad(404, `unknown kind '${kindRaw}'; use ${RESOURCE_KINDS.join(', ')}`);
    const kind = kindRaw as ResourceKind;
    if (parts.length === 2) {
      if (method === 'GET') return json(200, control.list(kind));
      if (method === 'POST') {
        if (body !== undefined && !isRecord(body)) return bad(400, 'overrides must be a JSON object');
        try {
          return json(201, control.add(kind, body ?? {}));
        } catch (error) {
          if (error instanceof DuplicateIdError) return bad(409, error.message);
          throw error;
        }
      }
      return notAllowed('GET, POST');
    }
    if (id !== undefined && parts.length === 3) {
      if (method === 'GET') {
        const found = control.get(kind, id);
        return found ? json(200, found) : bad(404, `no ${kind} with id ${id}`);
      }
      if (method === 'DELETE') return control.remove(kind, id) ? noContent() : bad(404, `no ${kind} with id ${id}`);
      return notAllowed('GET, DELETE');
    }
    if (id !== undefined && tail === 'status' && parts.length === 4) {
      if (method !== 'PUT') return notAllowed('PUT');
      const status = isRecord(body) ? body['status'] : undefined;
      if (typeof status !== 'string') return bad(400, 'body must be {"status": "<string>"}');
      if (!control.setStatus(kind, id, status)) return bad(404, `no ${kind} with id ${id}`);
      return json(200, control.get(kind, id));
    }
  }
  return bad(404, `unknown control route ${method} ${path}`);
}

/**
 * `/_sim/offers`: GET lists both endpoints' offers (`?` none: all), each as
 * `{id, endpoint, offer}`; `POST /_sim/offers/{gpus|multi-node}` adds one
 * (body: overrides); `GET`, `PATCH` (body: the fields to change, `prices`
 * field by field) and `DELETE /_sim/offers/{id}` one offer.
 */
function offerControl(method: string, rest: readonly string[], body: unknown, control: SimControl): SimResponse {
  const [name] = rest;
  if (name === undefined) return method === 'GET' ? json(200, control.offers()) : notAllowed('GET');
  if (rest.length !== 1) return bad(404, 'use /_sim/offers, /_sim/offers/{gpus|multi-node} or /_sim/offers/{id}');
  if ((OFFER_ENDPOINTS as readonly string[]).includes(name)) {
    if (method === 'GET') return json(200, control.offers(name as OfferEndpoint));
    if (method !== 'POST') return notAllowed('GET, POST');
    if (body !== undefined && !isRecord(body)) return bad(400, 'overrides must be a JSON object');
    return json(201, control.addOffer(name as OfferEndpoint, (body ?? {}) as Partial<GpuAvailability>));
  }
  if (method === 'POST') return bad(404, `offers are added to gpus or multi-node, not ${name}`);
  if (method === 'GET') {
    const found = control.offer(name);
    return found ? json(200, found) : bad(404, `no offer ${name}`);
  }
  if (method === 'PATCH') {
    if (!isRecord(body)) return bad(400, 'body must be a JSON object of the fields to change');
    const changed = control.setOffer(name, body as Partial<GpuAvailability>);
    return changed ? json(200, changed) : bad(404, `no offer ${name}`);
  }
  if (method === 'DELETE') return control.removeOffer(name) ? noContent() : bad(404, `no offer ${name}`);
  return notAllowed('GET, PATCH, DELETE');
}

function isScope(value: unknown): value is Scope {
  if (!isRecord(value)) return false;
  return Object.values(value).every(
    (permission) =>
      permission === null ||
      (isRecord(permission) && typeof permission['read'] === 'boolean' && typeof permission['write'] === 'boolean'),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clock(control: SimControl): SimResponse {
  const now = control.now();
  return json(200, { now, iso: new Date(now).toISOString() });
}

function noContent(_?: void): SimResponse {
  return { status: 204, headers: {}, body: '' };
}

function bad(status: number, error: string): SimResponse {
  return json(status, { error });
}

function notAllowed(allow: string): SimResponse {
  return json(405, { error: 'method not allowed' }, { allow });
}
