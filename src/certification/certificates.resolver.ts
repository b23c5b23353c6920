import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { clientKey, CurrentActor, Public, Roles } from '../auth/auth.decorators.js';
import { RateLimiter } from '../auth/rate-limiter.js';
import { BatchResult } from '../common/batch.js';
import { DateScalar, dateProblem, isIsoDate, todayInShanghai } from '../common/dates.js';
import { AsOfRegionArgs } from '../common/figure-args.js';
import { BadUserInputError } from '../common/errors.js';
import type { GraphQLContext } from '../common/loaders.js';
import { type Actor, Role } from '../common/roles.js';
import { Person } from '../workforce/workforce.model.js';
import type { CertificateEntity } from './certificate.entity.js';
import {
  Certificate,
  CertificateInput,
  CertificateVerification,
  RecordExternalCertificateInput,
  SkillProfile,
} from './certificate.model.js';
import { statusOn } from './certificate-status.js';
import { CertificateSubmissionService } from './certificate-submission.service.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateStatus, levelName } from './certification.enums.js';
import { EvaluationBodiesService } from './evaluation-bodies.service.js';
import { evaluationBodyLoader } from './evaluation-body.loader.js';
import { msg } from '../i18n/i18n.js';

@Resolver(() => Certificate)
export class CertificatesResolver {
  constructor(
    private readonly certificates: CertificatesService,
    private readonly submission: CertificateSubmissionService,
    private readonly bodies: EvaluationBodiesService,
    private readonly limiter: RateLimiter,
  ) {}

  @Mutation(() => BatchResult, {
    description: 'An evaluation body submits the certificates it issued: up to 10,000 rows, all written or none.',
  })
  @Roles(Role.EVALUATION_BODY)
  submitCertificates(
    @CurrentActor() actor: Actor,
    @Args('rows', { type: () => [CertificateInput] }) rows: CertificateInput[],
    @Args('dryRun', { type: () => Boolean, nullable: true }) dryRun: boolean | null,
  ) {
    return this.submission.submit(actor, rows, dryRun ?? false);
  }

  @Mutation(() => Certificate, { description: 'The issuing body or a municipal planner; revoked from today.' })
  @Roles(Role.EVALUATION_BODY, Role.MUNICIPAL_PLANNER)
  revokeCertificate(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return this.certificates.revoke(actor, id, reason);
  }

  @Mutation(() => Certificate, {
    description: 'An institution admin records a certificate one of its staff holds from outside the portal.',
  })
  @Roles(Role.INSTITUTION_ADMIN)
  recordExternalCertificate(@CurrentActor() actor: Actor, @Args('input') input: RecordExternalCertificateInput) {
    return this.certificates.recordExternal(actor, input);
  }

  @Query(() => CertificateVerification, {
    description: 'Public: checks a certificate by its number and the holder’s name. Rate-limited per client.',
  })
  @Public()
  verifyCertificate(
    @Args('certificateNumber') certificateNumber: string,
    @Args('name') name: string,
    @Context() ctx: GraphQLContext,
  ) {
    this.limiter.verification(clientKey(ctx.req));
    return this.certificates.verify(certificateNumber, name);
  }

  @Query(() => SkillProfile, { description: 'Planners; district planners for their region.' })
  @Roles(Role.MUNICIPAL_PLANNER, Role.DISTRICT_PLANNER)
  skillProfile(@CurrentActor() actor: Actor, @Args() { asOf, regionCode }: AsOfRegionArgs) {
    return this.certificates.skillProfile(actor, asOf ?? undefined, regionCode ?? undefined);
  }

  @ResolveField(() => String, { nullable: true, description: 'As written on Chinese certificates (三级/高级工).' })
  levelName(c: CertificateEntity) {
    return levelName(c.kind, c.level);
  }

  @ResolveField(() => CertificateStatus, { description: 'On asOf (default today, Asia/Shanghai).' })
  status(
    @Parent() c: CertificateEntity,
    @Args('asOf', { type: () => DateScalar, nullable: true }) asOf: string | null,
  ) {
    if (asOf !== null && asOf !== undefined && !isIsoDate(asOf)) {
      throw BadUserInputError.field('asOf', dateProblem(msg('field.asOf'), asOf)!);
    }
    return statusOn(c, asOf ?? todayInShanghai());
  }

  @ResolveField(() => String, { description: 'The issuing body’s name, or the issuer written on an external one.' })
  async issuerName(c: CertificateEntity, _args: unknown, ctx: GraphQLContext) {
    if (c.external || !c.issuingBodyId) return c.issuerName ?? '';
    return (await evaluationBodyLoader(ctx.loaders, this.bodies).load(c.issuingBodyId))?.name ?? '';
  }
}

@Resolver(() => Person)
export class PersonCertificatesResolver {
  constructor(private readonly service: CertificatesService) {}

  @ResolveField(() => [Certificate], { description: 'Every certificate the person holds, oldest first.' })
  certificates(person: Person, _args: unknown, ctx: GraphQLContext) {
    return ctx.loaders
      .get(
        'certificates-of-person',
        () => new DataLoader<string, CertificateEntity[]>((ids) => this.service.ofPersons(ids)),
      )
      .load(person.id);
  }
}
