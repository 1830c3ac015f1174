// awsQuery's XML: envelopes, and a renderer from plain values to IAM's element layout
// (objects → child elements in key order, arrays → <member> items, Dates → ISO-8601).

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** Escapes text content (this renderer writes no attribute values from input). @param {string} text */
export function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** ISO-8601 to the second, as IAM writes timestamps: `2024-05-01T12:00:00Z`. */
export function isoSeconds(/** @type {Date} */ date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Renders `value` as the content of an element. `undefined` members are left out.
 * @param {unknown} value
 * @returns {string}
 */
export function renderContent(value) {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return isoSeconds(value);
  if (Array.isArray(value)) return value.map((item) => renderElement('member', item)).join('');
  if (typeof value === 'object') {
    return Object.entries(value).map(([name, child]) => renderElement(name, child)).join('');
  }
  return escapeXml(String(value));
}

/**
 * @param {string} name
 * @param {unknown} value
 */
export function renderElement(name, value) {
  if (value === undefined) return '';
  const content = renderContent(value);
  return content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

/**
 * `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`;
 * actions without output members (DeleteRole, TagRole, …) carry only the metadata.
 * @param {string} action
 * @param {Record<string, unknown> | undefined} result
 * @param {string} requestId
 * @param {string} [xmlns] the service's namespace (IAM's by default)
 */
export function queryResponse(action, result, requestId, xmlns = IAM_XMLNS) {
  const resultElement = result === undefined ? '' : `<${action}Result>${renderContent(result)}</${action}Result>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${action}Response xmlns="${xmlns}">${resultElement}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`
  );
}

/**
 * @param {{ code: string, message: string, faultType: string }} error
 * @param {string} requestId
 * @param {string} [xmlns]
 */
export function queryErrorResponse(error, requestId, xmlns = IAM_XMLNS) {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${xmlns}"><Error>` +
    `<Type>${error.faultType}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `</Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`
  );
}
