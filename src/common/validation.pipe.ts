import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadUserInputError, type FieldProblem } from './errors.js';

function problems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(problems(e.children ?? [], field));
  });
}

/** class-validator on every input; a failure is BAD_USER_INPUT naming each failing field. */
export const inputValidationPipe = new ValidationPipe({
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
