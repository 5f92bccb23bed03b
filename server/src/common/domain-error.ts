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

export class InvalidFieldError extends DomainError {
  constructor(field: string, reason: string) {
    super(400, 'invalid', `${field} ${reason}`, [{ field, reason }]);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}
