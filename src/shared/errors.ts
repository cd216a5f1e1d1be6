// One hierarchy of failures. Throwers pass a stable code and parameters, never sentences:
// http/problem.ts turns them into Vietnamese or English text from one catalog.

export type FieldError = { path: string; code: string; message?: string; params?: Record<string, unknown> };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly errors?: FieldError[],
  ) {
    super(code);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(errors: FieldError[], code = "validation_failed", params: Record<string, unknown> = {}) {
    super(400, code, params, errors);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(code = "unauthenticated", params: Record<string, unknown> = {}) {
    super(401, code, params);
  }
}
export class ForbiddenError extends AppError {
  constructor(code = "forbidden", params: Record<string, unknown> = {}) {
    super(403, code, params);
  }
}
export class NotFoundError extends AppError {
  constructor(entity: string, params: Record<string, unknown> = {}) {
    super(404, "not_found", { entity, ...params });
  }
}
export class ConflictError extends AppError {
  constructor(code = "conflict", params: Record<string, unknown> = {}) {
    super(409, code, params);
  }
}
/** A domain rule refused the request (unbalanced, closed period, overdraft, ...): 422. */
export class RuleViolation extends AppError {
  constructor(code: string, params: Record<string, unknown> = {}) {
    super(422, code, params);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number, code = "too_many_requests") {
    super(429, code, { retryAfter: retryAfterSeconds });
  }
}
