import { Module } from '@nestjs/common';
import { InstitutionsModule } from '../institutions/institutions.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { WorkforceModule } from '../workforce/workforce.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { CertificateCorrectionsResolver } from './certificate-corrections.resolver.js';
import { CertificateCorrectionsService } from './certificate-corrections.service.js';
import { CertificateHoldersReadModel } from './certificate-holders.read-model.js';
import { CertificateSubmissionService } from './certificate-submission.service.js';
import { CertificatesRepository } from './certificates.repository.js';
import { CertificatesResolver, PersonCertificatesResolver } from './certificates.resolver.js';
import { CertificatesService } from './certificates.service.js';
import { EvaluationBodiesRepository } from './evaluation-bodies.repository.js';
import { EvaluationBodiesResolver } from './evaluation-bodies.resolver.js';
import { EvaluationBodiesService } from './evaluation-bodies.service.js';
import { SkillProfileReadModel } from './skill-profile.read-model.js';

@Module({
  imports: [AuthModule, RegionsModule, InstitutionsModule, WorkforceModule],
  providers: [
    EvaluationBodiesRepository,
    EvaluationBodiesService,
    EvaluationBodiesResolver,
    CertificatesRepository,
    CertificateHoldersReadModel,
    SkillProfileReadModel,
    CertificatesService,
    CertificateSubmissionService,
    CertificatesResolver,
    PersonCertificatesResolver,
    CertificateCorrectionsService,
    CertificateCorrectionsResolver,
  ],
  exports: [EvaluationBodiesService, CertificatesService],
})
export class CertificationModule {}
