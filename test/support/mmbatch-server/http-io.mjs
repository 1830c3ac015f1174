// Reading request bodies and writing JSON answers.
import { ApiError, badRequest, ERROR_CODES } from './api-error.mjs';

const MAX_BODY_BYTES = 1 << 20;

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new ApiError(413, ERROR_CODES.invalidArgument, 'Invalid argument: body too large'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** @param {string} text @returns {unknown} */
export function parseJsonBody(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON');
  }
}
