// A list of ids read a few hundred at a time: one whereIn of thousands of ids would pass SQLite's
// and PostgreSQL's bound-parameter limits.

export const CHUNK = 500;

/** `read` over the ids in chunks of CHUNK, the answers concatenated in order. */
export async function inChunks<T>(ids: readonly number[], read: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}
