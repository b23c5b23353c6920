import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type Msg, msg, fieldName } from '../i18n/i18n.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './validation/password-length.js';
import { BadUserInputError, type FieldProblem } from './errors.js';

/** class-validator's constraint, in the user's language (its own messages are English only). */
function constraintMessage(constraint: string, field: string): Msg {
  switch (constraint) {
    case 'isString':
      return msg('value.mustBeText', { field: fieldName(field) });
    case 'isInt':
      return msg('value.mustBeInteger', { field: fieldName(field) });
    case 'isNumber':
      return msg('value.mustBeNumber', { field: fieldName(field) });
    case 'isBoolean':
      return msg('value.mustBeBoolean', { field: fieldName(field) });
    case 'isEnum':
      return msg('value.mustBeKnownValue', { field: fieldName(field) });
    case 'isArray':
      return msg('value.mustBeList', { field: fieldName(field) });
    case 'isDate':
      return msg('value.mustBeDateTime', { field: fieldName(field) });
    case 'matches':
      return /username$/.test(field) ? msg('auth.usernameFormat') : msg('value.badFormat', { field: fieldName(field) });
    case 'maxLength':
      return msg('value.tooLong', { field: fieldName(field) });
    case 'isLength':
      return /password$/i.test(field)
        ? msg('auth.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX })
        : msg('value.badLength', { field: fieldName(field) });
    default:
      return msg('value.invalid', { field: fieldName(field) });
  }
}

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.keys(e.constraints ?? {}).map((c) => ({ field, message: constraintMessage(c, field) }));
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
    return new BadUserInputError(null, problems(errors));
  },
});
