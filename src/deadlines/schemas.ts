import { Id, Obj, OneOf } from "../http/schema-kit";

// Request schemas of the deadlines routes.

export const ApologyParams = Obj({ unitId: Id, kind: OneOf(["finding", "feedback"] as const), itemId: Id });
