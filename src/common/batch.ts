import { Field, Int, ObjectType } from '@nestjs/graphql';

/** One problem of one batch row, reported as data (DESIGN.md batch conventions). */
@ObjectType()
export class RowError {
  @Field(() => Int, { description: '0-based index of the row in the request.' })
  index: number;

  @Field(() => String, { nullable: true, description: 'The input field at fault, if one is.' })
  field: string | null;

  @Field({ description: 'BAD_USER_INPUT, NOT_FOUND, FORBIDDEN or CONFLICT, as for a single record.' })
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'With any row error, or dryRun, nothing is written and written is false.' })
export class BatchResult {
  @Field(() => Int, { description: 'Rows that are (or, unwritten, would be) written.' })
  accepted: number;

  @Field(() => Int, { description: 'Rows identical to stored ones: not written again.' })
  skipped: number;

  @Field(() => Int, {
    description: 'Rows without errors, written or not: a dry run of 5 good rows and 6 bad ones says 5.',
  })
  valid: number;

  @Field()
  written: boolean;

  @Field(() => [RowError])
  errors: RowError[];
}

/** Thrown inside a batch's transaction to roll it back while still answering with the result. */
export class BatchNotWritten extends Error {
  constructor(readonly result: BatchResult) {
    super('batch not written');
  }
}

/** How many of `rows` rows have no error (a row may have several). */
export const validRows = (rows: number, errors: readonly RowError[]) => rows - new Set(errors.map((e) => e.index)).size;
