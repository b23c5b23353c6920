import { registerEnumType } from '@nestjs/graphql';

export enum EvaluationBodyKind {
  VOCATIONAL_COLLEGE = 'VOCATIONAL_COLLEGE',
  TECHNICAL_SCHOOL = 'TECHNICAL_SCHOOL',
  INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION',
  CARE_INSTITUTION = 'CARE_INSTITUTION',
  TRAINING_PROVIDER = 'TRAINING_PROVIDER',
}

export enum CertificateKind {
  NURSING_ASSISTANT_SKILL = 'NURSING_ASSISTANT_SKILL',
  CAPABILITY_ASSESSOR = 'CAPABILITY_ASSESSOR',
  SOCIAL_WORK = 'SOCIAL_WORK',
  PROFESSIONAL_LICENSE = 'PROFESSIONAL_LICENSE',
}

export enum Profession {
  NURSE = 'NURSE',
  DOCTOR = 'DOCTOR',
  THERAPIST = 'THERAPIST',
  DIETITIAN = 'DIETITIAN',
  COUNSELOR = 'COUNSELOR',
}

export enum CertificateStatus {
  VALID = 'VALID',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

const SKILL_LEVELS: Record<number, string> = {
  5: '五级/初级工',
  4: '四级/中级工',
  3: '三级/高级工',
  2: '二级/技师',
  1: '一级/高级技师',
};
const SOCIAL_WORK_LEVELS: Record<number, string> = { 3: '助理社会工作师', 2: '社会工作师', 1: '高级社会工作师' };

/** The levels a kind has (1 is the highest), with their names; none for a professional licence. */
export const LEVELS_OF: Record<CertificateKind, Record<number, string> | null> = {
  [CertificateKind.NURSING_ASSISTANT_SKILL]: SKILL_LEVELS,
  [CertificateKind.CAPABILITY_ASSESSOR]: SKILL_LEVELS,
  [CertificateKind.SOCIAL_WORK]: SOCIAL_WORK_LEVELS,
  [CertificateKind.PROFESSIONAL_LICENSE]: null,
};

export const levelName = (kind: CertificateKind, level: number | null): string | null =>
  level === null ? null : (LEVELS_OF[kind]?.[level] ?? null);

registerEnumType(EvaluationBodyKind, { name: 'EvaluationBodyKind' });
registerEnumType(CertificateKind, { name: 'CertificateKind' });
registerEnumType(Profession, { name: 'Profession', description: 'The profession of a PROFESSIONAL_LICENSE.' });
registerEnumType(CertificateStatus, { name: 'CertificateStatus', description: 'Derived on a date.' });

/** Who stands behind a certificate the portal answers for. */
export enum CertificateSource {
  EVALUATION_BODY = 'EVALUATION_BODY',
  EMPLOYER_RECORDED = 'EMPLOYER_RECORDED',
}
registerEnumType(CertificateSource, {
  name: 'CertificateSource',
  description: 'Who stands behind a certificate: the body that issued it, or only the employer that typed it in.',
  valuesMap: {
    EVALUATION_BODY: {
      description:
        'Issued through the portal by a filed (备案) evaluation body, college or training provider: the issuer ' +
        'itself submitted it, so the portal vouches for it.',
    },
    EMPLOYER_RECORDED: {
      description:
        'Recorded by the employing institution from a certificate issued outside the portal (the national ' +
        'social-work exam, a nurse or doctor licence): the issuer name is as the employer typed it, and the issuer ' +
        'has not confirmed it.',
    },
  },
});
