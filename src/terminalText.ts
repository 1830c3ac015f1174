// What we print about things that are not ours (a people file, a flag, an AWS or server message, a
// name someone else chose) is text, never instructions for the terminal. A control character or
// escape sequence written raw would be acted on: a window title set, the cursor moved, the line
// overwritten (a carriage return or backspaces hiding what came before), the bell, and on some
// terminals worse. Bidirectional overrides reorder what the eye reads. Each of them is shown
// visibly escaped instead (\x1b, \u202e), so the user still sees exactly what was wrong.
// Line feeds and tabs stay: messages are laid out with them.

// C0 controls but tab and line feed, DEL, C1 controls; the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escaped = (char: string): string => {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** The text with every character a terminal would act on written out as an escape (\x1b, \u202e). */
export function visibleControls(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** The same, and a line feed too (\x0a): for what must stay one line, an error or its hint. */
export function visibleLine(text: string): string {
  return visibleControls(text).replace(/\n/g, escaped);
}
