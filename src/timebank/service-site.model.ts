import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination.js';
import { InstitutionType } from '../institutions/institution.enums.js';

@ObjectType('ServiceSite', { description: 'A registered institution where volunteers may serve and redeem care.' })
export class ServiceSite {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => InstitutionType)
  type: InstitutionType;

  @Field()
  regionCode: string;

  @Field(() => String, { nullable: true })
  zoneCode: string | null;
}

@ObjectType()
export class ServiceSiteConnection extends ConnectionType(ServiceSite, 'ServiceSite') {}
