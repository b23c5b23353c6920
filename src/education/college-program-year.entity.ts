import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EvaluationBodyEntity } from '../certification/evaluation-body.entity.js';
import { CollegeMajor } from './education.enums.js';

/** One college's figures for one major and (graduation) year. Recording the same year again replaces them. */
@Entity('college_program_year')
@Check(
  'college_program_year_figures',
  'enrolled >= 0 AND graduated >= 0 AND graduates_entering_elder_care >= 0 AND graduates_entering_elder_care <= graduated',
)
@Check('college_program_year_year', 'year BETWEEN 2000 AND 2100')
export class CollegeProgramYearEntity {
  @PrimaryColumn({ type: 'uuid' })
  collegeId: string;

  @ManyToOne(() => EvaluationBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'college_id' })
  college?: EvaluationBodyEntity;

  @PrimaryColumn({ type: 'enum', enum: CollegeMajor, enumName: 'college_major' })
  major: CollegeMajor;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  enrolled: number;

  @Column({ type: 'int' })
  graduated: number;

  @Column({ type: 'int' })
  graduatesEnteringElderCare: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
