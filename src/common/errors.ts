import { GraphQLError } from 'graphql';
import { joinWorded, type Lang, type Msg, msg, word } from '../i18n/i18n.js';

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
 * Apollo passes it through unchanged; `formatGraphQLError` strips everything else. It carries its message unworded
 * (`msg`): the formatter words it in the request's language; `message` is the English wording, for code that reads
 * it outside a request.
 */
export class DomainError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    extra: Record<string, unknown> = {},
  ) {
    super(word(msg, 'en'), { extensions: { code, ...extra } });
  }

  /** The message and extensions in a language: the problems of bad input are worded too. */
  worded(lang: Lang): { message: string; extensions: Record<string, unknown> } {
    return { message: word(this.msg, lang), extensions: { ...this.extensions } };
  }
}

export interface FieldProblem {
  field: string;
  message: Msg;
}

/** Several problems as one message. */
const problemList = (problems: FieldProblem[]): Msg =>
  problems.length === 1 ? problems[0].message : { key: 'common.problemList', params: { problems: '' } };

export class BadUserInputError extends DomainError {
  constructor(
    message: Msg | null,
    readonly problems: FieldProblem[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message ?? problemList(problems), { fields: problems.map((p) => p.field), ...extra });
  }

  static field(field: string, message: Msg): BadUserInputError {
    return new BadUserInputError(message, [{ field, message }]);
  }

  override worded(lang: Lang) {
    const problems = this.problems.map((p) => ({ field: p.field, message: word(p.message, lang) }));
    const message =
      this.msg.key === 'common.problemList'
        ? joinWorded(
            problems.map((p) => p.message),
            lang,
          )
        : word(this.msg, lang);
    return { message, extensions: { ...this.extensions, problems } };
  }
}

export const unauthenticated = (message: Msg = msg('auth.required')) => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message: Msg = msg('auth.notAllowed')) => new DomainError('FORBIDDEN', message);
/** `what`: the thing, in the user's words (`msg('thing.institution')`). */
export const notFound = (what: Msg) => new DomainError('NOT_FOUND', msg('common.notFound', { what }));
export const conflict = (message: Msg, field?: string) =>
  new DomainError('CONFLICT', message, field ? { fields: [field] } : {});
export const rateLimited = (retryAfterSeconds: number) =>
  new DomainError('RATE_LIMITED', msg('common.rateLimited', { seconds: retryAfterSeconds }), { retryAfterSeconds });
/** The database cannot be reached for the moment: nothing was done, and the same request may be sent again. */
export const serviceUnavailable = (retryAfterSeconds = 5) =>
  new DomainError('SERVICE_UNAVAILABLE', msg('common.serviceUnavailable'), { retryAfterSeconds });

/** Collects every problem of one input before failing, so a client sees all of them at once. */
export class InputProblems {
  private readonly problems: FieldProblem[] = [];

  add(field: string, message: Msg): this {
    this.problems.push({ field, message });
    return this;
  }

  check(ok: boolean, field: string, message: Msg | (() => Msg)): this {
    return ok ? this : this.add(field, typeof message === 'function' ? message() : message);
  }

  get any(): boolean {
    return this.problems.length > 0;
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new BadUserInputError(null, this.problems);
  }
}
