/**
 * A Dispersed signature computed by Python's standard library exactly as the
 * reference client (`dispersed.py`, dispersednetwork/compute_examples) does:
 * `urlencode` of the sorted parameters, `hashlib.sha256` of the canonical
 * JSON body, `hmac` over the `|`-joined string. Independent of both the
 * client's signer (src/api) and the simulator's verifier (src/sim), so a
 * misreading shared by those two cannot pass.
 */
import { execFileSync } from 'node:child_process';

export interface PythonSigningInput {
  publicKey: string;
  secretKey: string;
  time: string;
  nonce: string;
  method: string;
  path: string;
  /** Decoded name/value pairs, in any order, names may repeat. */
  query: [string, string][];
  /** A JSON body, canonicalised as the reference client does; absent for none. */
  body?: unknown;
}

const SCRIPT = `
import hashlib, hmac, json, sys
from urllib.parse import urlencode
a = json.load(sys.stdin)
def canon(v):
    if isinstance(v, dict): return {k: canon(v[k]) for k in sorted(v)}
    if isinstance(v, list): return [canon(x) for x in v]
    return v
if 'body' in a:
    body = json.dumps(canon(a['body']), separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode()
else:
    body = b""
query = urlencode(sorted((k, v) for k, v in a['query']))
canonical = "|".join([a['publicKey'], a['time'], a['nonce'], a['method'].upper(), a['path'], query, hashlib.sha256(body).hexdigest()])
print(json.dumps({"canonical": canonical, "signature": hmac.new(a['secretKey'].encode(), canonical.encode(), hashlib.sha256).hexdigest(), "body": body.decode()}))
`;

export function pythonSignature(input: PythonSigningInput): { canonical: string; signature: string; body: string } {
  return JSON.parse(execFileSync('python3', ['-c', SCRIPT], { input: JSON.stringify(input), encoding: 'utf8' })) as {
    canonical: string;
    signature: string;
    body: string;
  };
}
