/**
 * The version of every `--json` document's shape (schemas/*.schema.json) and of every API result that
 * is one. Bumped when a field changes meaning or goes away; new fields do not bump it.
 */
export const SCHEMA_VERSION = 1 as const;
