// setup decides whether to trust the server's TLS certificate before anything is written, the way
// ssh decides about a host key: a certificate already trusted (the public roots, NODE_EXTRA_CA_CERTS,
// --ca-cert, or the one this setup's record keeps) is used; an unknown one is shown (SHA-256
// fingerprint, subject) and, on a terminal, trusted once asked, or with --trust-fingerprint when it
// matches; a certificate that differs from the one kept is refused loudly. What is trusted here is
// kept in the record with the server's URL, so later commands need no --ca-cert.
import type { Context } from '../../cli/context.js';
import { writeLine } from '../../cli/io/streams.js';
import { ServerError } from '../../errors.js';
import type { RecordedView } from '../../config/recorded.js';
import { certificateChangedError, DEFAULT_TIMEOUT_MS, MmbatchServerClient, serverTimeoutMs, TlsVerifyError } from '../../server/client.js';
import { serverClientFrom, type ServerOptions } from '../../server/connect.js';
import { fingerprintOfPem, normaliseFingerprint, probeCertificate, trustStore, type PresentedCertificate } from '../../server/tls.js';

export interface TrustOptions extends ServerOptions {
  trustFingerprint?: string;
}

/** The server's client, its certificate trusted (or an error saying why not and what to do). */
export async function trustedServer(ctx: Context, options: TrustOptions, recorded: RecordedView, url: string | undefined): Promise<MmbatchServerClient | undefined> {
  const wantedFingerprint = options.trustFingerprint !== undefined ? normaliseFingerprint(options.trustFingerprint) : undefined;
  const client = serverClientFrom(ctx, { ...options, server: url ?? options.server }, recorded);
  if (!client) return undefined;
  if (!client.url.startsWith('https:') || client.insecure) return client;

  const pinned = client.trust;
  const timeout = Math.min(serverTimeoutMs(ctx.env) ?? DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
  const presented = await probeCertificate(client.url, trustStore(pinned.pem, ctx.env), timeout);
  if (presented.trusted) return client;
  if (/does not match|altnames/i.test(presented.reason ?? '')) {
    throw new TlsVerifyError(`the TLS certificate of ${client.url} is not for that host name: ${presented.reason}`, undefined, {
      hint: `use the host name the certificate names (${presented.subject}) in --server`,
    });
  }
  const keep = (pem: string) => new MmbatchServerClient({ ...client.connection, caPem: pem, caSource: 'record' });

  if (pinned.source === 'record') {
    if (wantedFingerprint === presented.fingerprint) return keep(presented.trustPem);
    throw certificateChangedError(client.url, fingerprintOfPem(pinned.pem!) ?? '?', presented.fingerprint, recorded.name);
  }
  if (wantedFingerprint !== undefined) {
    if (wantedFingerprint === presented.fingerprint) return keep(presented.trustPem);
    throw new ServerError(`the TLS certificate of ${client.url} is not the one --trust-fingerprint names: its SHA-256 fingerprint is ${presented.fingerprint}`, undefined, {
      hint: 'compare it with the server\'s own (ask its admin); someone may be between you and the server',
    });
  }
  if (ctx.interactive) {
    showCertificate(ctx, client.url, presented);
    if (await ctx.prompter.confirm({ message: `Trust this certificate for ${client.url} (kept for later commands)?`, default: false })) return keep(presented.trustPem);
    throw new TlsVerifyError(`the TLS certificate of ${client.url} was not trusted: nothing was changed`, undefined, {
      hint: "pass the server's certificate with --ca-cert <file>",
    });
  }
  throw new TlsVerifyError(`cannot verify the TLS certificate of ${client.url} (${describeReason(presented.reason)}); its SHA-256 fingerprint is ${presented.fingerprint}`, undefined, {
    hint: `if that is the server's (ask its admin), add --trust-fingerprint ${presented.fingerprint}, or pass its certificate with --ca-cert <file>`,
  });
}

function describeReason(reason: string | undefined): string {
  if (!reason) return 'not trusted';
  if (/SELF_SIGNED/.test(reason)) return 'self-signed';
  if (/UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF/.test(reason)) return 'signed by an unknown CA';
  if (/EXPIRED/.test(reason)) return 'expired';
  return reason;
}

function showCertificate(ctx: Context, url: string, presented: PresentedCertificate): void {
  const err = ctx.io.err;
  writeLine(err, `The TLS certificate of ${url} is not trusted by this machine (${describeReason(presented.reason)}):`);
  writeLine(err, `  subject      ${presented.subject}`);
  writeLine(err, `  issuer       ${presented.issuer}`);
  writeLine(err, `  valid until  ${presented.validTo}`);
  writeLine(err, `  SHA-256      ${presented.fingerprint}`);
  writeLine(err, "Compare the fingerprint with the server's own (on the server: openssl x509 -noout -fingerprint -sha256 -in <its security.certFile>).");
}
