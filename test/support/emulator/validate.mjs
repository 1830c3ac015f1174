// Model-constraint checks (required, length, pattern, range) with the services' own wording:
// "2 validation errors detected: Value 'x' at 'roleName' failed to satisfy constraint: ...; ...".
// Both services collect every violation of a request and answer them in one error.

/**
 * @typedef {object} StringRule
 * @property {boolean} [required]
 * @property {number} [min]
 * @property {number} [max]
 * @property {RegExp} [pattern]      tested against the whole value (anchor it)
 * @property {string} [patternText]  the pattern as the API reference prints it
 *
 * @typedef {object} NumberRule
 * @property {boolean} [required]
 * @property {number} [min]
 * @property {number} [max]
 */

export class ConstraintCheck {
  constructor() {
    /** @type {string[]} */
    this.failures = [];
  }

  /**
   * @param {string} member  the member's name as the service reports it (lowerCamelCase path)
   * @param {unknown} value
   * @param {string} constraint
   */
  fail(member, value, constraint) {
    const shown = value === undefined || value === null ? 'null' : `'${display(value)}'`;
    this.failures.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  /**
   * @param {unknown} value
   * @param {string} member
   * @returns {boolean} whether the value is present
   */
  present(value, member, required = false) {
    if (value !== undefined && value !== null) return true;
    if (required) this.fail(member, value, 'Member must not be null');
    return false;
  }

  /**
   * @param {string | undefined | null} value
   * @param {string} member
   * @param {StringRule} rule
   */
  string(value, member, rule) {
    if (!this.present(value, member, rule.required)) return;
    const text = String(value);
    if (rule.min !== undefined && text.length < rule.min) {
      this.fail(member, text, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && text.length > rule.max) {
      this.fail(member, text, `Member must have length less than or equal to ${rule.max}`);
    }
    if (rule.pattern && !rule.pattern.test(text)) {
      this.fail(member, text, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
    }
  }

  /**
   * @param {number | undefined | null} value
   * @param {string} member
   * @param {NumberRule} rule
   */
  number(value, member, rule) {
    if (!this.present(value, member, rule.required)) return;
    if (rule.min !== undefined && Number(value) < rule.min) {
      this.fail(member, value, `Member must have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && Number(value) > rule.max) {
      this.fail(member, value, `Member must have value less than or equal to ${rule.max}`);
    }
  }

  /**
   * Element count of a list or map.
   * @param {unknown[] | Record<string, unknown> | undefined | null} collection
   * @param {string} member
   * @param {NumberRule} rule
   */
  size(collection, member, rule) {
    if (!this.present(collection, member, rule.required) || !collection) return;
    const count = Array.isArray(collection) ? collection.length : Object.keys(collection).length;
    if (rule.min !== undefined && count < rule.min) {
      this.fail(member, collection, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && count > rule.max) {
      this.fail(member, collection, `Member must have length less than or equal to ${rule.max}`);
    }
  }

  get passed() {
    return this.failures.length === 0;
  }

  message() {
    const n = this.failures.length;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${this.failures.join('; ')}`;
  }

  /** @param {(message: string) => Error} makeError */
  throwIfFailed(makeError) {
    if (!this.passed) throw makeError(this.message());
  }
}

/**
 * @param {unknown} value
 * @returns {string}
 */
function display(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(display).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${display(v)}`).join(', ')}}`;
  }
  return String(value);
}
