// Domain errors carry a code and an HTTP status; services throw them, the one exception
// filter turns them into responses.

export type FieldProblem = { field: string; reason: string };

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, key: string) {
    super(404, 'not_found', `${what} "${key}" not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}

/**
 * The one way to refuse a request with 400: every wrong field with its reason, in the same
 * `{errors: [{field, reason}]}` shape as the global ValidationPipe's.
 */
export class InvalidFieldError extends DomainError {
  constructor(problems: FieldProblem[], message = problems.map((p) => `${p.field} ${p.reason}`).join('; ')) {
    super(400, 'invalid', message, problems);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}
