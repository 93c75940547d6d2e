/**
 * One-line notes a verb collects on the way (a kernel the registry answers with another table, a
 * derived cell that leaves entries out, x32 without a Go file) and returns with its result: the CLI
 * prints each as `xsysgen: note: …` on stderr, build tooling reads `notes`. Each text once, in order.
 */
export class Notes {
  readonly #seen = new Set<string>();

  add(text: string): void {
    this.#seen.add(text);
  }

  list(): string[] {
    return [...this.#seen];
  }
}
