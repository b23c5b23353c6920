/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema.generated';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CertificateKind =
  | 'CAPABILITY_ASSESSOR'
  | 'NURSING_ASSISTANT_SKILL'
  | 'PROFESSIONAL_LICENSE'
  | 'SOCIAL_WORK';

/** Who stands behind a certificate: the body that issued it, or only the employer that typed it in. */
export type CertificateSource =
  /** Recorded by the employing institution from a certificate issued outside the portal (the national social-work exam, a nurse or doctor licence): the issuer name is as the employer typed it, and the issuer has not confirmed it. */
  | 'EMPLOYER_RECORDED'
  /** Issued through the portal by a filed (备案) evaluation body, college or training provider: the issuer itself submitted it, so the portal vouches for it. */
  | 'EVALUATION_BODY';

/** Derived on a date. */
export type CertificateStatus =
  | 'EXPIRED'
  | 'REVOKED'
  | 'VALID';

export type VerifyCertificateQueryVariables = Exact<{
  certificateNumber: string;
  name: string;
}>;


export type VerifyCertificateQuery = { verifyCertificate: { matched: boolean, status: Types.CertificateStatus | null, source: Types.CertificateSource | null, kind: Types.CertificateKind | null, level: number | null, levelName: string | null, issuingBodyName: string | null, issuedOn: string | null, expiresOn: string | null, holderNameMasked: string | null, supersededBy: string | null } };


export const VerifyCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VerifyCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"certificateNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"certificateNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"certificateNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"issuingBodyName"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"holderNameMasked"}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"}}]}}]}}]} as unknown as DocumentNode<VerifyCertificateQuery, VerifyCertificateQueryVariables>;