/** Making arbitrary labels safe inside generated C comments and string literals. */

/** One line, and no `*\/` that would end the comment early. */
export function commentText(text: string): string {
  return oneLine(text).replaceAll("*/", "* /");
}

/** Contents of a C string literal (used by `#error`/`#pragma message`). */
export function stringText(text: string): string {
  return oneLine(text).replaceAll("\\", "\\\\").replaceAll('"', '\\"');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `__NR_<name>` is a valid C identifier (a table name is never trusted blindly). */
export function isCName(name: string): boolean {
  return identifier.test(name);
}
