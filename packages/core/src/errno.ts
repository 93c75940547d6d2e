/**
 * The one wording of an operating-system error (Node's errno exceptions: ENOENT, EACCES, ENOSPC,
 * …) in xsysgen's messages: `no such file or directory (ENOENT)`, Node's own text for the errno
 * without its `ENOENT: ` prefix and its `, open '<path>'` tail, since each message names the path
 * the way the user gave it. Node's internal codes (`ERR_…`) are not errnos.
 */

/** The fields xsysgen reads from a Node errno exception. */
export interface ErrnoError {
  readonly code: string;
  readonly message: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/** Whether `error` is an errno exception (`code` is `E…`). */
export function isErrnoError(error: unknown): error is ErrnoError {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" && /^E[A-Z0-9]+$/.test(code) && typeof message === "string";
}

/**
 * `no such file or directory (ENOENT)`; the code alone when Node's message has no text for it
 * (`spawn xz EACCES`); anything that is not an errno exception, its message.
 */
export function renderErrno(error: unknown): string {
  if (!isErrnoError(error)) return error instanceof Error ? error.message : String(error);
  const text = /^E[A-Z0-9]+: ([^,\n]+)/.exec(error.message)?.[1];
  return text === undefined ? error.code : `${text} (${error.code})`;
}

/** `<path>[ -> <dest>]: cannot <syscall>: <renderErrno>`, for an errno nothing else has named. */
export function renderErrnoAt(error: ErrnoError): string {
  const where = error.path === undefined ? "" : `${error.path}${error.dest === undefined ? "" : ` -> ${error.dest}`}: `;
  return `${where}${error.syscall === undefined ? "" : `cannot ${error.syscall}: `}${renderErrno(error)}`;
}
