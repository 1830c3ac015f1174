// NODE_DEBUG=http (or https, http2, net, tls, undici, fetch; a wildcard) makes Node itself print
// every request it sends, headers included: the bearer token, the AWS session token. Node reads it
// at start-up and writes to stderr on its own, so the tool cannot hide it; it says so once instead,
// before anything is sent (the lean token paths leave such a run to the full CLI, which warns).

const PRINTS_REQUESTS = /(^|[,\s])(https?|http2|net|tls|undici|fetch)?\*|(^|[,\s])(https?|http2|net|tls|undici|fetch)($|[,\s])/i;

export function nodeDebugPrintsRequests(env: NodeJS.ProcessEnv): boolean {
  return PRINTS_REQUESTS.test(env.NODE_DEBUG ?? '');
}

export const NODE_DEBUG_WARNING = "NODE_DEBUG makes Node print every request's headers, the bearer token and AWS session token among them: unset it wherever this output is kept";
