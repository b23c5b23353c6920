/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema.generated';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One attendee of a session. */
export type AttendanceInput = {
  /** Whether the attendee completed the session (only completed attendances count). */
  completed: boolean;
  /** Resident ID number (GB 11643-1999), 18 characters. */
  idNumber: string;
  name: string;
};

/** One certificate of a batch; the holder is found (or created) by ID number. */
export type CertificateInput = {
  certificateNumber: string;
  expiresOn?: string | null | undefined;
  idNumber: string;
  issuedOn: string;
  kind: CertificateKind;
  /** Required except for PROFESSIONAL_LICENSE, which has none. */
  level?: number | null | undefined;
  name: string;
  /** PROFESSIONAL_LICENSE only, and required there. */
  profession?: Profession | null | undefined;
};

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

/** Every condition given must hold. */
export type CertificatesIssuedFilter = {
  /** Issued on or after this day. */
  issuedFrom?: string | null | undefined;
  /** Issued on or before this day. */
  issuedTo?: string | null | undefined;
  /** A municipal planner: one body’s certificates (default: every body’s). A body: only its own id. */
  issuingBodyId?: string | number | null | undefined;
  kind?: CertificateKind | null | undefined;
  /** The certificate number starts with this (letter case ignored), or the holder’s name does. */
  numberOrName?: string | null | undefined;
  /** The status today (Asia/Shanghai). */
  status?: CertificateStatus | null | undefined;
};

export type CollegeMajor =
  | 'ELDER_CARE_MANAGEMENT'
  | 'ELDER_CARE_SERVICES'
  | 'ELDER_NUTRITION'
  | 'ELDER_PRODUCTS'
  | 'ELDER_SOCIAL_WORK'
  | 'REHABILITATION_NURSING';

/** The corrected certificate: a new number (the old one stays on the holder’s paper certificate and answers REVOKED with the new number) and the fields to change; a field left out is kept, expiresOn null removes the expiry. The holder and the kind never change: a certificate issued to the wrong person or of the wrong kind is revoked and submitted again. */
export type CorrectCertificateInput = {
  /** Required, and new: unused for this kind. */
  certificateNumber: string;
  /** Null: the corrected certificate does not expire. */
  expiresOn?: string | null | undefined;
  issuedOn?: string | null | undefined;
  /** 1 is the highest; none for a PROFESSIONAL_LICENSE. */
  level?: number | null | undefined;
  /** PROFESSIONAL_LICENSE only. */
  profession?: Profession | null | undefined;
};

export type CreateTrainingSessionInput = {
  audience: TrainingAudience;
  /** 1-10000. */
  capacity: number;
  /** On or after startDate; at most two years from today. */
  endDate: string;
  /** More than 0, at most 2000, at most one decimal. */
  hours: number;
  /** A district or county. */
  regionCode: string;
  /** Within the provider's filing; 2000-01-01 to two years from today. */
  startDate: string;
  /** 1-200 characters. */
  title: string;
};

export type EvaluationBodyKind =
  | 'CARE_INSTITUTION'
  | 'INDUSTRY_ASSOCIATION'
  | 'TECHNICAL_SCHOOL'
  | 'TRAINING_PROVIDER'
  | 'VOCATIONAL_COLLEGE';

/** The profession of a PROFESSIONAL_LICENSE. */
export type Profession =
  | 'COUNSELOR'
  | 'DIETITIAN'
  | 'DOCTOR'
  | 'NURSE'
  | 'THERAPIST';

export type RecordCollegeProgramYearInput = {
  /** >= 0. */
  enrolled: number;
  /** >= 0. */
  graduated: number;
  /** >= 0 and at most graduated. */
  graduatesEnteringElderCare: number;
  major: CollegeMajor;
  /** 2000 to five years from now. */
  year: number;
};

export type TrainingAudience =
  | 'CAPABILITY_ASSESSOR'
  | 'CAREGIVER'
  | 'DIRECTOR'
  | 'OTHER'
  | 'SOCIAL_WORKER';

export type IssuedCertificateFragment = { id: string, certificateNumber: string, kind: Types.CertificateKind, level: number | null, levelName: string | null, profession: Types.Profession | null, issuedOn: string, expiresOn: string | null, revokedOn: string | null, status: Types.CertificateStatus, holder: { name: string, idNumberMasked: string }, supersededBy: { id: string, certificateNumber: string } | null, supersedes: { id: string, certificateNumber: string } | null };

export type OwnBodyQueryVariables = Exact<{ [key: string]: never; }>;


export type OwnBodyQuery = { evaluationBodies: { edges: Array<{ node: { id: string, name: string, kind: Types.EvaluationBodyKind, mayTrain: boolean, certificateKinds: Array<Types.CertificateKind>, regionCode: string, filedFrom: string, filedTo: string } }> } };

export type CertificatesIssuedQueryVariables = Exact<{
  filter?: Types.CertificatesIssuedFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type CertificatesIssuedQuery = { certificatesIssued: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, certificateNumber: string, kind: Types.CertificateKind, level: number | null, levelName: string | null, profession: Types.Profession | null, issuedOn: string, expiresOn: string | null, revokedOn: string | null, status: Types.CertificateStatus, holder: { name: string, idNumberMasked: string }, supersededBy: { id: string, certificateNumber: string } | null, supersedes: { id: string, certificateNumber: string } | null } }> } };

export type RevokeCertificateMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type RevokeCertificateMutation = { revokeCertificate: { id: string, certificateNumber: string, kind: Types.CertificateKind, level: number | null, levelName: string | null, profession: Types.Profession | null, issuedOn: string, expiresOn: string | null, revokedOn: string | null, status: Types.CertificateStatus, holder: { name: string, idNumberMasked: string }, supersededBy: { id: string, certificateNumber: string } | null, supersedes: { id: string, certificateNumber: string } | null } };

export type CorrectCertificateMutationVariables = Exact<{
  id: string | number;
  input: Types.CorrectCertificateInput;
  reason: string;
}>;


export type CorrectCertificateMutation = { correctCertificate: { id: string, certificateNumber: string, kind: Types.CertificateKind, level: number | null, levelName: string | null, profession: Types.Profession | null, issuedOn: string, expiresOn: string | null, revokedOn: string | null, status: Types.CertificateStatus, holder: { name: string, idNumberMasked: string }, supersededBy: { id: string, certificateNumber: string } | null, supersedes: { id: string, certificateNumber: string } | null } };

export type SubmitCertificatesMutationVariables = Exact<{
  rows: Array<Types.CertificateInput> | Types.CertificateInput;
  dryRun?: boolean | null | undefined;
}>;


export type SubmitCertificatesMutation = { submitCertificates: { accepted: number, skipped: number, valid: number, written: boolean, errors: Array<{ index: number, field: string | null, code: string, message: string }> } };

export type TrainingSessionsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TrainingSessionsQuery = { trainingSessions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, audience: Types.TrainingAudience, regionCode: string, startDate: string, endDate: string, hours: number, capacity: number, attendeeCount: number, completedCount: number } }> } };

export type CreateTrainingSessionMutationVariables = Exact<{
  input: Types.CreateTrainingSessionInput;
}>;


export type CreateTrainingSessionMutation = { createTrainingSession: { id: string, title: string } };

export type RecordAttendanceMutationVariables = Exact<{
  sessionId: string | number;
  rows: Array<Types.AttendanceInput> | Types.AttendanceInput;
  dryRun?: boolean | null | undefined;
}>;


export type RecordAttendanceMutation = { recordAttendance: { accepted: number, skipped: number, valid: number, written: boolean, errors: Array<{ index: number, field: string | null, code: string, message: string }> } };

export type ProgramYearsQueryVariables = Exact<{
  first: number;
}>;


export type ProgramYearsQuery = { collegeProgramYears: { edges: Array<{ node: { year: number, major: Types.CollegeMajor, enrolled: number, graduated: number, graduatesEnteringElderCare: number } }> } };

export type RecordProgramYearMutationVariables = Exact<{
  input: Types.RecordCollegeProgramYearInput;
}>;


export type RecordProgramYearMutation = { recordCollegeProgramYear: { year: number, major: Types.CollegeMajor, enrolled: number, graduated: number, graduatesEnteringElderCare: number } };

export const IssuedCertificateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IssuedCertificate"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Certificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"revokedOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}}]}}]} as unknown as DocumentNode<IssuedCertificateFragment, unknown>;
export const OwnBodyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OwnBody"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluationBodies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"mayTrain"}},{"kind":"Field","name":{"kind":"Name","value":"certificateKinds"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"filedFrom"}},{"kind":"Field","name":{"kind":"Name","value":"filedTo"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OwnBodyQuery, OwnBodyQueryVariables>;
export const CertificatesIssuedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CertificatesIssued"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CertificatesIssuedFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"certificatesIssued"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IssuedCertificate"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IssuedCertificate"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Certificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"revokedOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}}]}}]} as unknown as DocumentNode<CertificatesIssuedQuery, CertificatesIssuedQueryVariables>;
export const RevokeCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IssuedCertificate"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IssuedCertificate"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Certificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"revokedOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}}]}}]} as unknown as DocumentNode<RevokeCertificateMutation, RevokeCertificateMutationVariables>;
export const CorrectCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CorrectCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CorrectCertificateInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"IssuedCertificate"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"IssuedCertificate"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Certificate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelName"}},{"kind":"Field","name":{"kind":"Name","value":"profession"}},{"kind":"Field","name":{"kind":"Name","value":"issuedOn"}},{"kind":"Field","name":{"kind":"Name","value":"expiresOn"}},{"kind":"Field","name":{"kind":"Name","value":"revokedOn"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holder"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersededBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supersedes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"certificateNumber"}}]}}]}}]} as unknown as DocumentNode<CorrectCertificateMutation, CorrectCertificateMutationVariables>;
export const SubmitCertificatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitCertificates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CertificateInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitCertificates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SubmitCertificatesMutation, SubmitCertificatesMutationVariables>;
export const TrainingSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingSessions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"attendeeCount"}},{"kind":"Field","name":{"kind":"Name","value":"completedCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrainingSessionsQuery, TrainingSessionsQueryVariables>;
export const CreateTrainingSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTrainingSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTrainingSessionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTrainingSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<CreateTrainingSessionMutation, CreateTrainingSessionMutationVariables>;
export const RecordAttendanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordAttendance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rows"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttendanceInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordAttendance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"rows"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rows"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"skipped"}},{"kind":"Field","name":{"kind":"Name","value":"valid"}},{"kind":"Field","name":{"kind":"Name","value":"written"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordAttendanceMutation, RecordAttendanceMutationVariables>;
export const ProgramYearsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgramYears"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collegeProgramYears"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"enrolled"}},{"kind":"Field","name":{"kind":"Name","value":"graduated"}},{"kind":"Field","name":{"kind":"Name","value":"graduatesEnteringElderCare"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProgramYearsQuery, ProgramYearsQueryVariables>;
export const RecordProgramYearDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordProgramYear"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCollegeProgramYearInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCollegeProgramYear"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"major"}},{"kind":"Field","name":{"kind":"Name","value":"enrolled"}},{"kind":"Field","name":{"kind":"Name","value":"graduated"}},{"kind":"Field","name":{"kind":"Name","value":"graduatesEnteringElderCare"}}]}}]}}]} as unknown as DocumentNode<RecordProgramYearMutation, RecordProgramYearMutationVariables>;