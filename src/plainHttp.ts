// Plain http:// to another host: what crosses it can be read and changed on the way (the admin's
// password, Cognito's tokens, AWS credentials, the bearer token sent to the MMBatch server). An
// emulator or a server on this machine is what plain http is for; any other host gets one warning
// per run and URL, before anything is sent, as --insecure does. The URL is the operator's choice,
// so the run goes on (the AWS CLI and curl send without a word; docker refuses unless told).

/** Loopback as written: localhost and its subdomains (RFC 6761), 127.0.0.0/8, ::1, IPv4-mapped 127/8. */
const LOOPBACK = /^(?:localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[?::1\]?|\[?::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]?)$/i;

export interface UrlParts {
  protocol: string;
  hostname: string;
}

export function isPlainHttpToAnotherHost(url: UrlParts): boolean {
  return url.protocol === 'http:' && !LOOPBACK.test(url.hostname.replace(/\.$/, ''));
}

/** Whether a configured URL (a flag's or a variable's, not yet parsed) is plain http to another host. */
export function isPlainHttpUrl(value: string): boolean {
  try {
    return isPlainHttpToAnotherHost(new URL(value));
  } catch {
    return false; // not a URL: the command refuses it with its own message
  }
}

const warned = new Set<string>();

const CARRIES = {
  'AWS endpoint': 'the passwords, tokens and AWS credentials it carries',
  'MMBatch server': 'the tokens sent to it and change its answers',
} as const;

/** Warns once per run for a URL of plain http to another host; silent for https and this machine. */
export function warnIfPlainHttp(warn: (line: string) => void, url: UrlParts & { port?: string | number }, what: keyof typeof CARRIES): void {
  if (!isPlainHttpToAnotherHost(url)) return;
  const port = url.port ? `:${url.port}` : '';
  const origin = `http://${url.hostname}${port}`;
  if (warned.has(origin)) return;
  warned.add(origin);
  warn(`the ${what} ${origin} is plain http: anyone on the path can read ${CARRIES[what]}`);
}
