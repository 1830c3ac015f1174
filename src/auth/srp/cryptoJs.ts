// The parts of crypto-js that cognito-srp-helper uses (SHA-256, HMAC-SHA256, Base64, WordArrays of
// typed arrays), for the bundle to give the helper instead of all of crypto-js: its index module
// loads every cipher, hash and mode it has (AES tables, SHA-3, RIPEMD, ...), 70 KB the sign-in never
// runs but every fresh `token` would parse and initialise. build.mjs points the helper's
// `import ... from "crypto-js"` here. Tests run the helper unbundled, with all of crypto-js, and the
// bundled sign-in is checked end to end against the local stack's own SRP verifier.
// @ts-expect-error: crypto-js has no types per module file (@types/crypto-js types only the whole package)
import CryptoJS from 'crypto-js/core.js';
import 'crypto-js/lib-typedarrays.js'; // WordArray.create(Uint8Array): the helper hashes Buffers
import 'crypto-js/sha256.js';
import 'crypto-js/hmac-sha256.js';
import 'crypto-js/enc-base64.js';

export default CryptoJS;
