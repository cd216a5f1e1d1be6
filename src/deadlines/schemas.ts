import { Digits, Id, Obj, OneOf, Type } from "../http/schema-kit";

// Request schemas of the deadlines routes.

export const ApologyParams = Obj({ unitId: Id, kind: OneOf(["finding", "feedback"] as const), itemId: Id });

/** How many days ahead owed publications show as coming due: 0 to 60. */
export const DeadlinesQuery = Obj({ dueWithin: Type.Optional(Digits({ pattern: "^(?:[0-9]|[1-5][0-9]|60)$", description: "0-60 days" })) });
