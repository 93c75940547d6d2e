export * from "./zsysnum/index.ts";
export * from "./fallback/index.ts";
export * from "./diff/index.ts";
