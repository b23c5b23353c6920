/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema.generated';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type RegisterVolunteerInput = {
  /** Resident ID number (18 characters). */
  idNumber: string;
  /** The name on the ID card. */
  name: string;
  /** 8-128 characters. */
  password: string;
  /** Mobile number; required for a public sign-up, optional when an institution admin signs someone up. */
  phone?: string | null | undefined;
  /** District or county of residence; an institution admin may omit it (their institution’s region). */
  regionCode?: string | null | undefined;
  /** 3-64 characters: letters, digits, dot, dash, underscore. */
  username: string;
};

export type SignUpVolunteerMutationVariables = Exact<{
  input: Types.RegisterVolunteerInput;
}>;


export type SignUpVolunteerMutation = { registerVolunteer: { id: string, username: string } };


export const SignUpVolunteerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUpVolunteer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterVolunteerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerVolunteer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}}]}}]}}]} as unknown as DocumentNode<SignUpVolunteerMutation, SignUpVolunteerMutationVariables>;