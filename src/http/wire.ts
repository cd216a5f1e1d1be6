// What every endpoint answers when it refuses: a problem+json body (RFC 9457), as the web client
// reads it. Types only, no imports: the client's compiler reads this file without Node.

/** One field's problem in a refused request body or query. */
export interface FieldProblemWire {
  path: string;
  code: string;
  message: string;
}

export interface ProblemWire {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** The stable code a client decides on (the title and detail are in the caller's language). */
  code: string;
  errors?: FieldProblemWire[];
  /** Further members some problems carry (a duplicate's id, a refused date's today); a 500 carries none. */
  [k: string]: unknown;
}
