/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema.generated';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** TIME is in minutes; POINTS are whole points. */
export type Currency =
  | 'POINTS'
  | 'TIME';

export type EntryKind =
  | 'CAP_OVERFLOW'
  | 'DONATION'
  | 'EARN'
  | 'POOL_GRANT'
  | 'REDEMPTION'
  | 'REDEMPTION_REFUND'
  | 'REVERSAL'
  | 'REWARD'
  | 'TRANSFER_IN'
  | 'TRANSFER_OUT';

export type LogServiceInput = {
  category: ServiceCategory;
  /** Where the service happened; an institution admin may omit it. */
  institutionId?: string | number | null | undefined;
  /** 1-1440. */
  minutes: number;
  /** At most 500 characters. */
  note?: string | null | undefined;
  /** Not in the future, nor older than the log window (90 days by default). */
  serviceDate: string;
  /** Required for an institution admin; a volunteer omits it. */
  volunteerId?: string | number | null | undefined;
};

export type RedeemPointsInput = {
  idempotencyKey: string;
  /** 1-100. */
  quantity: number;
  rewardId: string | number;
};

export type RedeemTimeInput = {
  /** A registered relative aged 60+; omit for care of yourself. */
  beneficiaryRelativeId?: string | number | null | undefined;
  idempotencyKey: string;
  /** The institution that will give the care (a service site). */
  institutionId: string | number;
  /** Whole minutes > 0. */
  minutes: number;
};

/** PENDING until the institution confirms the care (COMPLETED) or cancels it (the minutes are refunded). */
export type RedemptionStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'PENDING';

export type RegisterRelativeInput = {
  idNumber: string;
  name: string;
  relationship: Relationship;
};

/** A direct relative of a volunteer. */
export type Relationship =
  | 'CHILD'
  | 'GRANDCHILD'
  | 'GRANDPARENT'
  | 'PARENT'
  | 'SIBLING'
  | 'SPOUSE';

/** PENDING until an institution admin hands the reward over (COLLECTED); CANCELLED when the purchase is reversed. */
export type RewardRedemptionStatus =
  | 'CANCELLED'
  | 'COLLECTED'
  | 'PENDING';

export type ServiceCategory =
  | 'COMPANIONSHIP'
  | 'DIGITAL_HELP'
  | 'ERRANDS_AND_ESCORT'
  | 'HEALTH_EDUCATION'
  | 'LEGAL_AID'
  | 'OTHER'
  | 'RECREATION'
  | 'SAFETY_VISIT';

/** LOGGED until the institution where the service happened verifies or rejects it, once. */
export type ServiceStatus =
  | 'LOGGED'
  | 'REJECTED'
  | 'VERIFIED';

export type TransferCreditsInput = {
  /** Chosen by the client, 1-100 characters; a retry with the same key returns the first result. */
  idempotencyKey: string;
  /** Whole minutes > 0. */
  minutes: number;
  /** …or true to donate to the public pool (exactly one). */
  toPublicPool?: boolean | null | undefined;
  /** A registered relative who has an account… */
  toRelativeId?: string | number | null | undefined;
};

export type VolunteerHomeQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerHomeQuery = { myTimeBank: { timeBalanceMinutes: number, pointsBalance: number, volunteer: { id: string, person: { name: string } } }, serviceRecords: { totalCount: number } };

export type VolunteerStatementQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type VolunteerStatementQuery = { myTimeBank: { timeBalanceMinutes: number, pointsBalance: number, entries: { totalCount: number, edges: Array<{ cursor: string, node: { journalId: string, kind: Types.EntryKind, currency: Types.Currency, amount: number, balanceAfter: number, at: string, category: Types.ServiceCategory | null, counterpartyName: string | null, serviceDate: string | null, siteName: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type VolunteerServiceSitesQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerServiceSitesQuery = { serviceSites: { edges: Array<{ node: { id: string, name: string, regionCode: string } }> } };

export type VolunteerServiceRecordsQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerServiceRecordsQuery = { serviceRecords: { edges: Array<{ node: { id: string, serviceDate: string, minutes: number, category: Types.ServiceCategory, status: Types.ServiceStatus, creditedMinutes: number | null, uncreditedMinutes: number | null, pointsAwarded: number | null, rejectReason: string | null, institution: { id: string, name: string } } }> } };

export type VolunteerLogServiceMutationVariables = Exact<{
  input: Types.LogServiceInput;
}>;


export type VolunteerLogServiceMutation = { logService: { id: string, status: Types.ServiceStatus } };

export type VolunteerRelativesQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerRelativesQuery = { myTimeBank: { timeBalanceMinutes: number, volunteer: { id: string, person: { name: string, age: number } }, relatives: Array<{ id: string, name: string, relationship: Types.Relationship, age: number, hasAccount: boolean, idNumberMasked: string }> } };

export type VolunteerTransferMutationVariables = Exact<{
  input: Types.TransferCreditsInput;
}>;


export type VolunteerTransferMutation = { transferCredits: { id: string } };

export type VolunteerCareRedemptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerCareRedemptionsQuery = { careRedemptions: { edges: Array<{ node: { id: string, beneficiaryName: string, relationship: Types.Relationship | null, minutes: number, status: Types.RedemptionStatus, cancelReason: string | null, requestedAt: string, institution: { id: string, name: string } } }> } };

export type VolunteerRedeemTimeMutationVariables = Exact<{
  input: Types.RedeemTimeInput;
}>;


export type VolunteerRedeemTimeMutation = { redeemTime: { id: string, status: Types.RedemptionStatus } };

export type VolunteerAddRelativeMutationVariables = Exact<{
  input: Types.RegisterRelativeInput;
}>;


export type VolunteerAddRelativeMutation = { registerRelative: { id: string } };

export type VolunteerRemoveRelativeMutationVariables = Exact<{
  id: string | number;
}>;


export type VolunteerRemoveRelativeMutation = { removeRelative: { id: string } };

export type VolunteerRewardsQueryVariables = Exact<{ [key: string]: never; }>;


export type VolunteerRewardsQuery = { myTimeBank: { pointsBalance: number }, rewards: { edges: Array<{ node: { id: string, name: string, description: string | null, pointsCost: number, stock: number, active: boolean } }> }, myRewardRedemptions: { edges: Array<{ node: { id: string, code: string, status: Types.RewardRedemptionStatus, quantity: number, points: number, redeemedAt: string, collectedAt: string | null, reward: { id: string, name: string } } }> } };

export type VolunteerRedeemPointsMutationVariables = Exact<{
  input: Types.RedeemPointsInput;
}>;


export type VolunteerRedeemPointsMutation = { redeemPoints: { id: string } };


export const VolunteerHomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerHome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTimeBank"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeBalanceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"LOGGED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<VolunteerHomeQuery, VolunteerHomeQueryVariables>;
export const VolunteerStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTimeBank"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeBalanceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"journalId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"counterpartyName"}},{"kind":"Field","name":{"kind":"Name","value":"serviceDate"}},{"kind":"Field","name":{"kind":"Name","value":"siteName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerStatementQuery, VolunteerStatementQueryVariables>;
export const VolunteerServiceSitesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerServiceSites"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceSites"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerServiceSitesQuery, VolunteerServiceSitesQueryVariables>;
export const VolunteerServiceRecordsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerServiceRecords"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"serviceDate"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"creditedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"uncreditedMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"pointsAwarded"}},{"kind":"Field","name":{"kind":"Name","value":"rejectReason"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerServiceRecordsQuery, VolunteerServiceRecordsQueryVariables>;
export const VolunteerLogServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerLogService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LogServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<VolunteerLogServiceMutation, VolunteerLogServiceMutationVariables>;
export const VolunteerRelativesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerRelatives"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTimeBank"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeBalanceMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"age"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"relatives"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"age"}},{"kind":"Field","name":{"kind":"Name","value":"hasAccount"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerRelativesQuery, VolunteerRelativesQueryVariables>;
export const VolunteerTransferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferCreditsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transferCredits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<VolunteerTransferMutation, VolunteerTransferMutationVariables>;
export const VolunteerCareRedemptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerCareRedemptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careRedemptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiaryName"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerCareRedemptionsQuery, VolunteerCareRedemptionsQueryVariables>;
export const VolunteerRedeemTimeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerRedeemTime"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeemTimeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeemTime"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<VolunteerRedeemTimeMutation, VolunteerRedeemTimeMutationVariables>;
export const VolunteerAddRelativeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerAddRelative"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterRelativeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerRelative"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<VolunteerAddRelativeMutation, VolunteerAddRelativeMutationVariables>;
export const VolunteerRemoveRelativeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerRemoveRelative"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeRelative"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<VolunteerRemoveRelativeMutation, VolunteerRemoveRelativeMutationVariables>;
export const VolunteerRewardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerRewards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTimeBank"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pointsBalance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rewards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"pointsCost"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myRewardRedemptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"redeemedAt"}},{"kind":"Field","name":{"kind":"Name","value":"collectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reward"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerRewardsQuery, VolunteerRewardsQueryVariables>;
export const VolunteerRedeemPointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VolunteerRedeemPoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeemPointsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeemPoints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<VolunteerRedeemPointsMutation, VolunteerRedeemPointsMutationVariables>;