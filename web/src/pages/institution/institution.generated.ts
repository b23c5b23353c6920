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

/** Derived on a date. */
export type CertificateStatus =
  | 'EXPIRED'
  | 'REVOKED'
  | 'VALID';

/** The corrected dates of an employment; a field left out is kept. endDate null reopens the employment (its end reason goes with it); a new endDate on an open one needs an endReason. */
export type CorrectEmploymentInput = {
  /** Exclusive: the first day not worked. Null: still employed. */
  endDate?: string | null | undefined;
  endReason?: EndReason | null | undefined;
  /** As at registration: not in the future, nor before 16. */
  startDate?: string | null | undefined;
};

export type Education =
  | 'BACHELOR'
  | 'JUNIOR_COLLEGE'
  | 'JUNIOR_SECONDARY'
  | 'MASTER_OR_ABOVE'
  | 'PRIMARY_OR_BELOW'
  | 'SENIOR_SECONDARY'
  | 'VOCATIONAL_SECONDARY';

export type EndReason =
  | 'CONTRACT_ENDED'
  | 'DECEASED'
  | 'DISMISSED'
  | 'OTHER'
  | 'RESIGNED'
  | 'RETIRED'
  | 'TRANSFERRED';

export type InstitutionType =
  | 'CARE_HOME'
  | 'COMMUNITY_CENTER'
  | 'HOME_CARE_PROVIDER'
  | 'HOSPITAL_CARE_UNIT'
  | 'OTHER'
  | 'SOCIAL_WORK_ORG';

/** An elder-care occupation; each belongs to one team. */
export type Occupation =
  | 'CAPABILITY_ASSESSOR'
  | 'CAREGIVER'
  | 'DIRECTOR'
  | 'MANAGER'
  | 'MEDICAL'
  | 'NURSE'
  | 'NUTRITION'
  | 'PSYCHOLOGICAL_COUNSELOR'
  | 'REHABILITATION'
  | 'SOCIAL_WORKER';

export type Ownership =
  | 'PRIVATE_FOR_PROFIT'
  | 'PRIVATE_NON_PROFIT'
  | 'PUBLIC_BUILT_PRIVATE_RUN'
  | 'PUBLIC_INSTITUTION';

/** Every condition on employments holds for one and the same employment. */
export type PeopleFilter = {
  /** Employed on this date (start <= date < end). */
  activeOn?: string | null | undefined;
  /** Holds a certificate of this kind valid on activeOn (default today). */
  certificateKind?: CertificateKind | null | undefined;
  institutionId?: string | number | null | undefined;
  /** Holds a valid certificate of certificateKind (default NURSING_ASSISTANT_SKILL) at this level or higher (1 is the highest: 3 means levels 3, 2 or 1). */
  minSkillLevel?: number | null | undefined;
  /** The name starts with this. */
  namePrefix?: string | null | undefined;
  occupation?: Occupation | null | undefined;
  /** Employed at an institution in this district or county (or zone). */
  regionCode?: string | null | undefined;
  team?: Team | null | undefined;
};

export type PostType =
  | 'FULL_TIME'
  | 'PART_TIME';

/** The profession of a PROFESSIONAL_LICENSE. */
export type Profession =
  | 'COUNSELOR'
  | 'DIETITIAN'
  | 'DOCTOR'
  | 'NURSE'
  | 'THERAPIST';

/** A qualification a staff member holds from outside the portal. */
export type RecordExternalCertificateInput = {
  certificateNumber: string;
  expiresOn?: string | null | undefined;
  issuedOn: string;
  /** The issuer as written on the certificate. */
  issuerName: string;
  kind: CertificateKind;
  level?: number | null | undefined;
  /** A person employed at your institution. */
  personId: string | number;
  profession?: Profession | null | undefined;
};

export type RegisterStaffInput = {
  education?: Education | null | undefined;
  /** Resident ID number (GB 11643-1999), 18 characters. */
  idNumber: string;
  institutionId: string | number;
  name: string;
  occupation: Occupation;
  phone?: string | null | undefined;
  postType: PostType;
  /** Not in the future, nor before the person turned 16. */
  startDate: string;
};

/** CARE, PROFESSIONAL_TECHNICAL or MANAGEMENT. */
export type Team =
  | 'CARE'
  | 'MANAGEMENT'
  | 'PROFESSIONAL_TECHNICAL';

/** Fields to change. An institution admin may change only beds and hasSocialWorkDepartment. */
export type UpdateInstitutionInput = {
  beds?: number | null | undefined;
  creditCode?: string | null | undefined;
  hasSocialWorkDepartment?: boolean | null | undefined;
  name?: string | null | undefined;
  ownership?: Ownership | null | undefined;
  regionCode?: string | null | undefined;
  type?: InstitutionType | null | undefined;
  /** null removes the zone. */
  zoneCode?: string | null | undefined;
};

export type InstitutionFiguresFragment = { id: string, name: string, regionCode: string, type: Types.InstitutionType, beds: number | null, hasSocialWorkDepartment: boolean, activeStaffCount: number, socialWorkerCount: number, requiredSocialWorkers: number | null };

export type InstitutionHomeQueryVariables = Exact<{
  id: string | number;
}>;


export type InstitutionHomeQuery = { institution: { id: string, name: string, regionCode: string, type: Types.InstitutionType, beds: number | null, hasSocialWorkDepartment: boolean, activeStaffCount: number, socialWorkerCount: number, requiredSocialWorkers: number | null } };

export type StaffQueryVariables = Exact<{
  filter: Types.PeopleFilter;
  first: number;
  after?: string | null | undefined;
}>;


export type StaffQuery = { people: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, idNumberMasked: string, phoneMasked: string | null, employments: Array<{ id: string, occupation: Types.Occupation, postType: Types.PostType, startDate: string, endDate: string | null, endReason: Types.EndReason | null, institution: { id: string } }>, certificates: Array<{ id: string, kind: Types.CertificateKind, level: number | null, levelName: string | null, profession: Types.Profession | null, certificateNumber: string, external: boolean, issuerName: string, status: Types.CertificateStatus }> } }> } };

export type UpdateInstitutionMutationVariables = Exact<{
  id: string | number;
  input: Types.UpdateInstitutionInput;
}>;


export type UpdateInstitutionMutation = { updateInstitution: { id: string, name: string, regionCode: string, type: Types.InstitutionType, beds: number | null, hasSocialWorkDepartment: boolean, activeStaffCount: number, socialWorkerCount: number, requiredSocialWorkers: number | null } };

export type RegisterStaffMutationVariables = Exact<{
  input: Types.RegisterStaffInput;
}>;


export type RegisterStaffMutation = { registerStaff: { id: string } };

export type RegisterStaffBatchMutationVariables = Exact<{
  rows: Array<Types.RegisterStaffInput> | Types.RegisterStaffInput;
  dryRun?: boolean | null | undefined;
}>;


export type RegisterStaffBatchMutation = { registerStaffBatch: { accepted: number, skipped: number, valid: number, written: boolean, errors: Array<{ index: number, field: string | null, code: string, message: string }> } };

export type EndEmploymentMutationVariables = Exact<{
  id: string | number;
  endDate: string;
  reason: Types.EndReason;
}>;


export type EndEmploymentMutation = { endEmployment: { id: string, endDate: string | null, endReason: Types.EndReason | null } };

export type CorrectEmploymentMutationVariables = Exact<{
  id: string | number;
  input: Types.CorrectEmploymentInput;
  reason: string;
}>;


export type CorrectEmploymentMutation = { correctEmployment: { id: string, startDate: string, endDate: string | null, endReason: Types.EndReason | null } };

export type RecordExternalCertificateMutationVariables = Exact<{
  input: Types.RecordExternalCertificateInput;
}>;


export type RecordExternalCertificateMutation = { recordExternalCertificate: { id: string } };

export const InstitutionFiguresFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"beds"}},{"kind":"Field","name":{"kind":"Name","value":"hasSocialWorkDepartment"}},{"kind":"Field","name":{"kind":"Name","value":"activeStaffCount"}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredSocialWorkers"}}]}}]} as unknown as DocumentNode<InstitutionFiguresFragment, unknown>;
export const InstitutionHomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InstitutionHome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"institution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionFigures"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"beds"}},{"kind":"Field","name":{"kind":"Name","value":"hasSocialWorkDepartment"}},{"kind":"Field","name":{"kind":"Name","value":"activeStaffCount"}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredSocialWorkers"}}]}}]} as unknown as DocumentNode<InstitutionHomeQuery, InstitutionHomeQueryVariables>;
export const StaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Staff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeopleFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}},{"kind":"Field","name":{"kind":"Name","value":"phoneMasked"}},{"kind":"Field","name":{"kind":"Name","value":"employments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occupation"}},{"kind":"Field","name":{"kind":"Name","value":"postType"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"institution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"certificates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"external"}},{"kind":"Field","name":{"kind":"Name","value":"issuerName"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StaffQuery, StaffQueryVariables>;
export const UpdateInstitutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateInstitution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateInstitutionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateInstitution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"InstitutionFigures"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"InstitutionFigures"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Institution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"beds"}},{"kind":"Field","name":{"kind":"Name","value":"hasSocialWorkDepartment"}},{"kind":"Field","name":{"kind":"Name","value":"activeStaffCount"}},{"kind":"Field","name":{"kind":"Name","value":"socialWorkerCount"}},{"kind":"Field","name":{"kind":"Name","value":"requiredSocialWorkers"}}]}}]} as unknown as DocumentNode<UpdateInstitutionMutation, UpdateInstitutionMutationVariables>;
export const RegisterStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterStaff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterStaffInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerStaff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RegisterStaffMutation, RegisterStaffMutationVariables>;
export const RegisterStaffBatchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterStaffBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterStaffInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerStaffBatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterStaffBatchMutation, RegisterStaffBatchMutationVariables>;
export const EndEmploymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndEmployment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endDate"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndReason"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endEmployment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"endDate"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endDate"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}}]}}]}}]} as unknown as DocumentNode<EndEmploymentMutation, EndEmploymentMutationVariables>;
export const CorrectEmploymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CorrectEmployment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CorrectEmploymentInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctEmployment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}}]}}]}}]} as unknown as DocumentNode<CorrectEmploymentMutation, CorrectEmploymentMutationVariables>;
export const RecordExternalCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordExternalCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordExternalCertificateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordExternalCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RecordExternalCertificateMutation, RecordExternalCertificateMutationVariables>;