/**
 * The one syntactic rule for "this function handles ENOSYS": its body (function literals inside it
 * included) compares an error with ENOSYS — `err == unix.ENOSYS` or `!=`, `errors.Is(err,
 * unix.ENOSYS)` (any function named `Is`), or a `case unix.ENOSYS:` in a switch. Which expression
 * names ENOSYS is the caller's: `<import name>.ENOSYS` of golang.org/x/sys/unix or syscall in a
 * module's code, the bare `ENOSYS` inside those packages. Returning, wrapping or logging ENOSYS is
 * not handling it, nor is a comparison made by a helper the function calls.
 */
import type { Node } from "web-tree-sitter";

/** Whether an expression node names ENOSYS. */
export type EnosysName = (node: Node) => boolean;

/** Whether `fn`'s text compares an error with ENOSYS by the rule above. */
export function comparesWithEnosys(fn: Node, isEnosys: EnosysName): boolean {
  const stack: Node[] = [fn];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.type) {
      case "binary_expression": {
        const op = n.childForFieldName("operator")?.text;
        const left = n.childForFieldName("left");
        const right = n.childForFieldName("right");
        if ((op === "==" || op === "!=") && ((left !== null && isEnosys(left)) || (right !== null && isEnosys(right))))
          return true;
        break;
      }
      case "call_expression": {
        const callee = n.childForFieldName("function");
        const name = callee?.type === "selector_expression" ? callee.childForFieldName("field")?.text : callee?.text;
        if (name === "Is" && n.childForFieldName("arguments")?.namedChildren.some((a) => a !== null && isEnosys(a)))
          return true;
        break;
      }
      case "expression_case":
        if (n.childForFieldName("value")?.namedChildren.some((v) => v !== null && isEnosys(v))) return true;
        break;
    }
    for (const child of n.namedChildren) if (child !== null) stack.push(child);
  }
  return false;
}
