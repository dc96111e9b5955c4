// Origin and Host checks for `--rpc-cors`.
//
// Substrate's default list (sc-cli) is below. Entries may use `*` as a wildcard, which the node
// intended for ports ("http://localhost:*") — see paritytech/substrate#11480 and jsonrpsee#780,
// where literal matching broke it. When the list is not `all`, polkadot-sdk also turns on jsonrpsee's
// Host-header filter, admitting only `localhost:<port>`, `127.0.0.1:<port>` and `[::1]:<port>`.

export type CorsSetting = 'all' | readonly string[]

export const DEFAULT_RPC_CORS: readonly string[] = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
  'https://polkadot.js.org',
]

/** Parse a `--rpc-cors` value: `all`, `*`, or a comma-separated list. */
export function parseCorsFlag(value: string | undefined): CorsSetting {
  if (value === undefined) return DEFAULT_RPC_CORS
  const v = value.trim()
  if (v === 'all' || v === '*') return 'all'
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

const matcherCache = new WeakMap<readonly string[], Array<(origin: string) => boolean>>()

function compile(pattern: string): (origin: string) => boolean {
  const p = pattern.toLowerCase()
  if (!p.includes('*')) return (o) => o === p
  const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$')
  // Browsers leave a default port out of `Origin`, so "scheme://host:*" also covers "scheme://host".
  const bare = p.endsWith(':*') ? p.slice(0, -2) : null
  return (o) => re.test(o) || o === bare
}

/**
 * Requests without an `Origin` header (non-browser clients) are always allowed, as by the node.
 * `null` (file:// pages, sandboxed frames) must be listed explicitly.
 */
export function originAllowed(origin: string | undefined, cors: CorsSetting): boolean {
  if (origin === undefined || cors === 'all') return true
  let matchers = matcherCache.get(cors)
  if (matchers === undefined) {
    matchers = cors.map(compile)
    matcherCache.set(cors, matchers)
  }
  const o = origin.toLowerCase()
  return matchers.some((m) => m(o))
}

/** jsonrpsee's HostFilterLayer as configured by sc-rpc-server. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false
  const h = host.toLowerCase()
  return h === `localhost:${port}` || h === `127.0.0.1:${port}` || h === `[::1]:${port}`
}

/** Headers for an actual (non-preflight) response to an allowed request. */
export function corsResponseHeaders(origin: string | undefined, cors: CorsSetting): Record<string, string> {
  if (origin === undefined) return {}
  if (cors === 'all') return { 'access-control-allow-origin': '*' }
  return { 'access-control-allow-origin': origin, vary: 'origin' }
}

/** Headers for an OPTIONS preflight from an allowed origin. */
export function preflightHeaders(
  origin: string | undefined,
  requestedHeaders: string | undefined,
  cors: CorsSetting,
): Record<string, string> {
  return {
    ...corsResponseHeaders(origin, cors),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': requestedHeaders ?? 'content-type',
    'access-control-max-age': '86400',
  }
}
