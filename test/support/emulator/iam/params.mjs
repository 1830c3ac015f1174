// Reading awsQuery's flattened form parameters: `Tags.member.2.Key=…`, `TagKeys.member.1=…`.

/**
 * The items of a flattened list, in index order: strings for `Name.member.N`, objects for
 * `Name.member.N.Field`. `undefined` when the list is absent; `[]` for the SDK's empty-list
 * form (`Name=`).
 * @param {Record<string, string>} params
 * @param {string} name
 * @returns {Array<string | Record<string, string>> | undefined}
 */
export function memberList(params, name) {
  const prefix = `${name}.member.`;
  /** @type {Map<number, string | Record<string, string>>} */
  const items = new Map();
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const [index, ...field] = key.slice(prefix.length).split('.');
    const position = Number(index);
    if (!Number.isInteger(position) || position < 1) continue;
    if (field.length === 0) {
      items.set(position, value);
    } else {
      const item = items.get(position);
      const record = typeof item === 'object' ? item : {};
      record[field.join('.')] = value;
      items.set(position, record);
    }
  }
  if (items.size === 0) return name in params ? [] : undefined;
  return [...items.keys()].sort((a, b) => a - b).map((position) => /** @type {any} */ (items.get(position)));
}

/**
 * An integer parameter; `undefined` when absent, `NaN` when it is not an integer
 * (the constraint check then reports it).
 * @param {Record<string, string>} params
 * @param {string} name
 */
export function integerParam(params, name) {
  const raw = params[name];
  if (raw === undefined) return undefined;
  return /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
}
