import { ProtocolError } from '../errors.js';

/**
 * Deepest nesting of objects and arrays a decoded primitive may have. The deepest primitive a real
 * CSE sends (an aggregated response inside a notification carrying a structured `con`) stays far
 * below it; anything deeper is refused so later recursive code (validation, re-encoding) cannot
 * overflow the stack.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * Object keys refused anywhere in a decoded primitive: they are the handles of prototype
 * pollution when application code later merges decoded objects into its own (`Object.assign`,
 * deep-merge helpers). No oneM2M short name uses them.
 */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

/**
 * Check a JSON.parse result: bounded depth and no forbidden keys. JSON.parse only produces
 * plain objects, arrays, strings, finite numbers, booleans and null, so types need no check.
 * Recursion is bounded by {@link MAX_NESTING_DEPTH}, so it cannot overflow.
 */
export function guardJsonTree(value: unknown, frame: string | Uint8Array): void {
  if (typeof value === 'object' && value !== null) walkJson(value, 1, frame);
}

function walkJson(node: object, depth: number, frame: string | Uint8Array): void {
  if (depth > MAX_NESTING_DEPTH) throw invalid(`nesting deeper than ${MAX_NESTING_DEPTH} levels`, frame);
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item: unknown = node[i];
      if (typeof item === 'object' && item !== null) walkJson(item, depth + 1, frame);
    }
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key in record) {
    if (isForbiddenKey(key)) throw invalid(`forbidden member name "${key}"`, frame, key);
    const item = record[key];
    if (typeof item === 'object' && item !== null) walkJson(item, depth + 1, frame);
  }
}

function invalid(message: string, frame: string | Uint8Array, field?: string): ProtocolError {
  return new ProtocolError('INVALID_PRIMITIVE', message, { codec: 'json', frame, field });
}
