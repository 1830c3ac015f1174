// The TIMESTAMP of an SRP PASSWORD_VERIFIER answer, in Cognito's format "ddd MMM D HH:mm:ss UTC YYYY"
// (English names, day of month unpadded, 24-hour clock, UTC). Formatted by hand: the helper's
// toLocaleString calls start Intl's locale data, 13-18 ms and 8 MiB on every fresh sign-in.
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

export function cognitoTimestamp(date: Date): string {
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}
