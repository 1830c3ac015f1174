// A QR code for the terminal, two modules per character (Unicode half blocks), with the quiet zone
// an authenticator app's camera needs. uqr does the encoding; it is loaded only by `mfa enroll`
// and an MFA_SETUP challenge, never by the cached-token path.
import { renderUnicodeCompact } from 'uqr';

export function renderQr(text: string): string {
  return renderUnicodeCompact(text, { ecc: 'M', border: 2 });
}
