import { registerEnumType } from '@nestjs/graphql';

export enum FundSource {
  LOTTERY_WELFARE_MUNICIPAL = 'LOTTERY_WELFARE_MUNICIPAL',
  LOTTERY_WELFARE_DISTRICT = 'LOTTERY_WELFARE_DISTRICT',
  FISCAL = 'FISCAL',
  SOCIAL = 'SOCIAL',
  CHARITY = 'CHARITY',
}

export enum FundPurpose {
  TRAINING = 'TRAINING',
  SUBSIDY = 'SUBSIDY',
  RECRUITMENT = 'RECRUITMENT',
  OTHER = 'OTHER',
}

registerEnumType(FundSource, {
  name: 'FundSource',
  description: 'Lottery public-welfare money (municipal or district), fiscal budget, social or charity money.',
});
registerEnumType(FundPurpose, { name: 'FundPurpose' });
