/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema.generated';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** OLDER_ADULTS: each region’s latest 60+ population figure; HEADCOUNT: today’s headcount by primary job; CARE_HOME_BEDS: the licensed beds of its care homes. */
export type ApportionBasis =
  | 'CARE_HOME_BEDS'
  | 'HEADCOUNT'
  | 'OLDER_ADULTS';

export type ApportionTargetInput = {
  basis: ApportionBasis;
  /** True: return the figures, write nothing (a preview). */
  dryRun?: boolean | null | undefined;
  /** A count metric: TALENT_HEADCOUNT or TRAINING_PERSON_SESSIONS. */
  metric: TargetMetric;
  /** The year of the city-wide target to share out (2000-2100). */
  year: number;
};

export type SetTargetInput = {
  metric: TargetMetric;
  /** A district or county; omit for a city-wide target. */
  regionCode?: string | null | undefined;
  /** Greater than 0; ratio metrics at most 100. */
  value: number;
  /** 2000-2100. */
  year: number;
};

export type TargetMetric =
  | 'SOCIAL_WORKERS_PER_100_BEDS'
  | 'SOCIAL_WORKERS_PER_1000_OLDER_ADULTS'
  | 'TALENT_HEADCOUNT'
  | 'TRAINING_PERSON_SESSIONS';

export type TargetsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type TargetsPageQuery = { targets: Array<{ id: string, metric: Types.TargetMetric, regionCode: string | null, year: number, value: number }> };

export type SetTargetPageMutationVariables = Exact<{
  input: Types.SetTargetInput;
}>;


export type SetTargetPageMutation = { setTarget: { id: string, metric: Types.TargetMetric, regionCode: string | null, year: number, value: number } };

export type ApportionTargetPageMutationVariables = Exact<{
  input: Types.ApportionTargetInput;
}>;


export type ApportionTargetPageMutation = { apportionTarget: { cityTarget: number, written: boolean, targets: Array<{ regionCode: string, value: number }> } };


export const TargetsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TargetsPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<TargetsPageQuery, TargetsPageQueryVariables>;
export const SetTargetPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTargetPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetTargetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTarget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"metric"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]} as unknown as DocumentNode<SetTargetPageMutation, SetTargetPageMutationVariables>;
export const ApportionTargetPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApportionTargetPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApportionTargetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apportionTarget"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cityTarget"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ApportionTargetPageMutation, ApportionTargetPageMutationVariables>;