import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CurrentActor, Roles } from '../auth/auth.decorators.js';
import type { GraphQLContext } from '../common/loaders.js';
import { PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { personLoader } from '../workforce/workforce.loader.js';
import { PersonsService } from '../workforce/persons.service.js';
import type { CertificateEntity } from './certificate.entity.js';
import { Certificate } from './certificate.model.js';
import {
  CertificateConnection,
  CertificateHolder,
  CertificatesIssuedFilter,
  CorrectCertificateInput,
} from './certificate-corrections.model.js';
import { CertificateCorrectionsService } from './certificate-corrections.service.js';
import type { CertificateRow } from './certificate-holders.read-model.js';

@Resolver(() => Certificate)
export class CertificateCorrectionsResolver {
  constructor(
    private readonly corrections: CertificateCorrectionsService,
    private readonly workforce: PersonsService,
  ) {}

  @Query(() => CertificateConnection, {
    description:
      'The certificates your body issued through the portal, newest issue date first; a municipal planner: any ' +
      'body’s (issuingBodyId names one). Certificates employers recorded from outside the portal are not listed.',
  })
  @Roles(Role.EVALUATION_BODY, Role.MUNICIPAL_PLANNER)
  certificatesIssued(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CertificatesIssuedFilter, nullable: true }) filter: CertificatesIssuedFilter, // a class, not `| undefined`: the validation pipe skips union types
    @Args() page: PageArgs,
  ) {
    return this.corrections.listIssued(actor, filter ?? {}, page);
  }

  @Mutation(() => Certificate, {
    description:
      'The issuing body or a municipal planner corrects a certificate: in one transaction the old one is revoked ' +
      'from today with the reason and the corrected one is issued under a new number, linked by supersedes. ' +
      'Verifying the old number then answers REVOKED with supersededBy.',
  })
  @Roles(Role.EVALUATION_BODY, Role.MUNICIPAL_PLANNER)
  correctCertificate(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CorrectCertificateInput,
    @Args('reason') reason: string,
  ) {
    return this.corrections.correct(actor, id, input, reason);
  }

  @ResolveField(() => CertificateHolder, { description: 'The holder’s name and masked ID number only.' })
  async holder(c: CertificateRow, _args: unknown, ctx: GraphQLContext): Promise<CertificateHolder> {
    if (c.holder) return c.holder;
    const person = await personLoader(ctx.loaders, this.workforce).load(c.personId);
    return { name: person?.name ?? '', idNumberMasked: person?.idNumberMasked ?? '' };
  }

  @ResolveField(() => Certificate, { nullable: true, description: 'The certificate this one corrected, if any.' })
  supersedes(c: CertificateEntity, _args: unknown, ctx: GraphQLContext) {
    if (!c.supersedesId) return null;
    return ctx.loaders
      .get('certificate', () => new DataLoader<string, CertificateEntity | null>((ids) => this.corrections.byIds(ids)))
      .load(c.supersedesId);
  }

  @ResolveField(() => Certificate, {
    nullable: true,
    description: 'The certificate that corrected this one (which is then REVOKED), if any.',
  })
  supersededBy(c: CertificateEntity, _args: unknown, ctx: GraphQLContext) {
    return ctx.loaders
      .get(
        'certificate-replacement',
        () => new DataLoader<string, CertificateEntity | null>((ids) => this.corrections.replacementsOf(ids)),
      )
      .load(c.id);
  }
}
