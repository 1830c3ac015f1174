// Text from a server is data, not instructions for the terminal: escape sequences (colours, cursor
// moves, window titles, hyperlinks) and control characters (bell, backspace, a carriage return that
// overwrites the line, NUL, DEL, C1) are removed before any of it is printed.

// CSI (ESC [ or the C1 byte 0x9b) ... final byte; OSC (ESC ]) ... BEL or ST; other two-byte escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][\s\S]*?(?:\u0007|\u001b\\|$)|\u001b[PX^_][\s\S]*?(?:\u001b\\|$)|\u001b[@-Z\\-_]?/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** One line of server text as it may be shown: escapes and controls gone, whitespace runs one space. */
export function printable(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** A whole body for a terminal (api's output on a TTY): the same, but its lines and tabs kept. */
export function printableBlock(text: string): string {
  return text.replace(ESCAPES, '').replace(/\r(?!\n)/g, '').replace(CONTROLS, '');
}
