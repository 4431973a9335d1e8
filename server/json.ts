/** Helpers for JSON values received from clients. */

/**
 * Whether a JSON value nests deeper than `max` (objects and arrays), counted without recursion and
 * given up past `max`: a body of a hundred thousand nested arrays parses, but any recursive walk of
 * it (JSON.stringify, a schema) overflows the stack, so such a body is refused before that.
 */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (v === null || typeof v !== 'object') continue;
    if (d >= max) return true;
    for (const child of Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return false;
}
