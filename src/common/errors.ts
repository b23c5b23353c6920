import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INSUFFICIENT_BALANCE'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/**
 * An expected failure, raised by services and shown to the client as `extensions.code`. It is a GraphQLError so
 * Apollo passes it through unchanged; `formatGraphQLError` strips everything else.
 */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class BadUserInputError extends DomainError {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super('BAD_USER_INPUT', message, { fields: problems.map((p) => p.field), problems });
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError(message, [{ field, message }]);
  }
}

export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'Not allowed') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, field?: string) =>
  new DomainError('CONFLICT', message, field ? { fields: [field] } : {});
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', 'Too many attempts; try again later', { retryAfterSeconds });
/** The database cannot be reached for the moment: nothing was done, and the same request may be sent again. */
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new DomainError('SERVICE_UNAVAILABLE', 'The database is unavailable for the moment; try again shortly', {
    retryAfterSeconds,
  });

/** Collects every problem of one input before failing, so a client sees all of them at once. */
export class InputProblems {
  private readonly problems: FieldProblem[] = [];

  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }

  check(ok: boolean, field: string, message: string): this {
    return ok ? this : this.add(field, message);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) {
      throw new BadUserInputError(this.problems.map((p) => p.message).join('; '), this.problems);
    }
  }
}
