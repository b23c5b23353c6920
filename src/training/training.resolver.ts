import { Args, ID, Int, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import { EvaluationBodiesService } from '../certification/evaluation-bodies.service.js';
import { EvaluationBody } from '../certification/evaluation-body.model.js';
import { BatchResult } from '../common/batch.js';
import { DateScalar } from '../common/dates.js';
import { YearRegionArgs } from '../common/figure-args.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { attendanceCountsLoader } from './training.loader.js';
import { evaluationBodyLoader } from '../certification/evaluation-body.loader.js';
import {
  AttendanceInput,
  CreateTrainingSessionInput,
  TrainingProgress,
  TrainingSession,
  TrainingSessionConnection,
  TrainingSessionFilter,
} from './training.model.js';
import { MAX_ATTENDANCE_ROWS, TrainingService } from './training.service.js';

const PLANNERS = [Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER];

@Resolver(() => TrainingSession)
export class TrainingResolver {
  constructor(
    private readonly training: TrainingService,
    private readonly bodies: EvaluationBodiesService,
  ) {}

  @Mutation(() => TrainingSession, {
    description:
      'A session of your body. FORBIDDEN unless the body may train and its filing covers the start date; every ' +
      'bad field is reported at once.',
  })
  @Roles(Role.EVALUATION_BODY)
  createTrainingSession(@CurrentActor() actor: Actor, @Args('input') input: CreateTrainingSessionInput) {
    return this.training.createSession(actor, input);
  }

  @Mutation(() => BatchResult, {
    description:
      `Attendance of one of your body's sessions: up to ${MAX_ATTENDANCE_ROWS.toLocaleString('en')} rows, all ` +
      'written or none (see the batch conventions). One row per person; attendees not in the registry are ' +
      'created as persons. A row identical to a stored attendance (same person, same completed) is skipped; a ' +
      'row for a stored attendee with a different `completed` updates that attendance and counts as accepted. ' +
      'Rows that would take the attendees (completed or not) past the capacity are refused (BAD_USER_INPUT).',
  })
  @Roles(Role.EVALUATION_BODY)
  recordAttendance(
    @CurrentActor() actor: Actor,
    @Args('sessionId', { type: () => ID }) sessionId: string,
    @Args('rows', { type: () => [AttendanceInput] }) rows: AttendanceInput[],
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun: boolean | null,
  ) {
    return this.training.recordAttendance(actor, sessionId, rows, dryRun ?? false);
  }

  @Query(() => TrainingSessionConnection, {
    description: 'Planners: every session (a district planner: its region); a body account: its own. Newest first.',
  })
  @Roles(...PLANNERS, Role.EVALUATION_BODY)
  trainingSessions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => TrainingSessionFilter, nullable: true }) filter: TrainingSessionFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.training.listSessions(actor, filter ?? {}, page);
  }

  @Query(() => TrainingProgress, {
    description:
      'Training person-sessions in a year as they stood on asOf (default today): sessions ending in the year up to ' +
      'asOf, expected to date counted to asOf, against the TRAINING_PERSON_SESSIONS target. Planners; a district ' +
      'planner gets its region (by default) and no other. For a region, only the region’s own target counts.',
  })
  @Roles(...PLANNERS)
  trainingProgress(
    @CurrentActor() actor: Actor,
    @Args() { year, regionCode }: YearRegionArgs,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ) {
    return this.training.progress(actor, year, regionCode ?? null, asOf ?? null);
  }

  @ResolveField(() => EvaluationBody, { description: 'The body running it.' })
  async provider(session: TrainingSession, _args: unknown, ctx: GraphQLContext) {
    return evaluationBodyLoader(ctx.loaders, this.bodies).load(session.providerId);
  }

  @ResolveField(() => Int, { description: 'Attendees recorded, completed or not.' })
  async attendeeCount(session: TrainingSession, _args: unknown, ctx: GraphQLContext) {
    return (await attendanceCountsLoader(ctx.loaders, this.training).load(session.id)).attendees;
  }

  @ResolveField(() => Int, { description: 'Attendees who completed it.' })
  async completedCount(session: TrainingSession, _args: unknown, ctx: GraphQLContext) {
    return (await attendanceCountsLoader(ctx.loaders, this.training).load(session.id)).completed;
  }
}
