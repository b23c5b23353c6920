import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from './errors.js';

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(problems(e.children ?? [], field));
  });
}

/** Client input: GraphQL arguments, and HTTP bodies, queries and route params. */
// '3' is @nestjs/graphql's GqlParamtype.ARGS (not exported); Nest passes param types as strings.
const INPUT_TYPES = new Set(['body', 'query', 'param', '3']);

/**
 * Validates what clients send, nothing else. A global ValidationPipe would otherwise also copy and validate every
 * `@Parent()` object of every field resolver (the server's own data), once per field per row.
 */
class InputValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return INPUT_TYPES.has(String(metadata.type)) && super.toValidate(metadata);
  }
}

/** class-validator on every input; a failure is BAD_USER_INPUT naming each failing field. */
export const inputValidationPipe = new InputValidationPipe({
  transform: true,
  whitelist: true,
  // `@Args() page` receives every argument of its field: strip the others rather than refuse them (GraphQL
  // itself already refuses unknown arguments and input fields).
  forbidNonWhitelisted: false,
  forbidUnknownValues: false,
  stopAtFirstError: false,
  exceptionFactory: (errors) => {
    const list = problems(errors);
    return new BadUserInputError(list.map((p) => p.message).join('; '), list);
  },
});
