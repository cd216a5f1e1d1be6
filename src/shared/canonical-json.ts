/** JSON with object keys sorted and no whitespace: the same value always gives the same text (hashes). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(",")}}`;
}

/**
 * The fast path beside it, for many flat objects with the same keys (a statement's rows): each
 * written as `canonicalJson` writes it, without sorting each one's keys again. `get` gives a key's
 * value (a string, a number or null; undefined leaves the key out). test/shared/canonical-json.test.ts
 * holds the two byte-identical.
 */
export function flatWriter<R>(keys: readonly string[], get: (row: R, key: string) => string | number | null | undefined): (row: R) => string {
  const sorted = [...keys].sort();
  const names = sorted.map((k) => `${JSON.stringify(k)}:`);
  return (row) => {
    let json = "{";
    for (let i = 0; i < sorted.length; i++) {
      const v = get(row, sorted[i]);
      if (v === undefined) continue;
      json += `${json.length > 1 ? "," : ""}${names[i]}${JSON.stringify(v)}`;
    }
    return `${json}}`;
  };
}
