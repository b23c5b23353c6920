import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work.js';
import { addDays, isIsoDate, todayInShanghai, dateProblem } from '../common/dates.js';
import { BadUserInputError, conflict, forbidden, InputProblems, notFound } from '../common/errors.js';
import { assertId, isUuid } from '../common/ids.js';
import type { Connection, PageArgs } from '../common/pagination.js';
import { type Actor, Role } from '../common/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { InstitutionsService } from '../institutions/institutions.service.js';
import { LedgerService, serviceCreditPostings } from './ledger.service.js';
import type { ServiceRecordEntity } from './service-record.entity.js';
import type { LogServiceInput, ServiceRecord, ServiceRecordFilter } from './service-record.model.js';
import { ServiceRecordsRepository } from './service-records.repository.js';
import { Currency, JournalKind, ServiceCategory, ServiceStatus } from './timebank.enums.js';
import { MAX_TEXT, requiredReason, serviceCredit } from './timebank-rules.js';
import type { VolunteerEntity } from './volunteer.entity.js';
import { VolunteersService } from './volunteers.service.js';
import { msg } from '../i18n/i18n.js';

/** The API's view of a stored record. */
export const serviceRecordView = (r: ServiceRecordEntity): ServiceRecord => ({
  id: r.id,
  status: r.status,
  category: r.category,
  serviceDate: r.serviceDate,
  minutes: r.minutes,
  creditedMinutes: r.creditedMinutes,
  uncreditedMinutes: r.uncreditedMinutes,
  pointsAwarded: r.pointsAwarded,
  note: r.note,
  rejectReason: r.rejectReason,
  journalId: r.journalId,
  loggedAt: r.createdAt,
  decidedAt: r.decidedAt,
  volunteerId: r.volunteerId,
  institutionId: r.institutionId,
});

/** Service logged by volunteers (or for them), verified or rejected once by the institution where it happened. */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly unitOfWork: UnitOfWork,
    private readonly institutions: InstitutionsService,
    private readonly ledger: LedgerService,
    private readonly volunteers: VolunteersService,
    private readonly records: ServiceRecordsRepository,
  ) {}

  /**
   * A volunteer logs its own service (no `volunteerId`) at any service site; an institution admin logs service at
   * its institution for a named volunteer.
   */
  async log(actor: Actor, input: LogServiceInput): Promise<ServiceRecord> {
    const rules = this.config.timeBank;
    const today = todayInShanghai();
    const problems = new InputProblems();
    const isAdmin = actor.role === Role.INSTITUTION_ADMIN;
    if (isAdmin) {
      problems.check(Boolean(input.volunteerId), 'volunteerId', msg('timebank.volunteeridIsRequired'));
      if (input.institutionId && input.institutionId !== actor.institutionId) {
        throw forbidden(msg('timebank.youMayLogServiceOnly'));
      }
    } else {
      problems.check(Boolean(input.institutionId), 'institutionId', msg('timebank.institutionidIsRequired'));
    }
    if (!isIsoDate(input.serviceDate))
      problems.add('serviceDate', dateProblem(msg('field.serviceDate'), input.serviceDate)!);
    else if (input.serviceDate > today) problems.add('serviceDate', msg('timebank.servicedateCannotBeInThe'));
    else if (input.serviceDate < addDays(today, -rules.logWindowDays)) {
      problems.add('serviceDate', msg('timebank.serviceMayBeLoggedUp', { logWindowDays: rules.logWindowDays }));
    }
    problems.check(
      Number.isInteger(input.minutes) && input.minutes >= 1 && input.minutes <= 1440,
      'minutes',
      msg('timebank.minutesMustBeAWhole'),
    );
    problems.check(
      Object.values(ServiceCategory).includes(input.category),
      'category',
      msg('timebank.categoryIsNotAKnown'),
    );
    const note = input.note?.trim() || null;
    problems.check(!note || note.length <= MAX_TEXT, 'note', msg('planning.noteMustBeAtMost', { max: MAX_TEXT }));
    problems.throwIfAny();

    return this.unitOfWork.run(actor, 'logService', async (tx) => {
      let volunteer: VolunteerEntity | null;
      if (isAdmin) {
        volunteer = isUuid(input.volunteerId!) ? await this.volunteers.findById(input.volunteerId!, tx) : null;
        if (!volunteer) throw notFound(msg('thing.volunteer'));
      } else {
        volunteer = await this.volunteers.own(actor, tx);
        if (input.volunteerId && input.volunteerId !== volunteer.id) {
          throw forbidden(msg('timebank.aVolunteerLogsOnlyIts'));
        }
      }
      const institutionId = isAdmin ? actor.institutionId! : input.institutionId!;
      if (!isUuid(institutionId) || !(await this.institutions.exists(institutionId, tx))) {
        throw notFound(msg('thing.serviceSite'));
      }
      const record = await this.records.insert(
        {
          volunteerId: volunteer.id,
          institutionId,
          category: input.category,
          serviceDate: input.serviceDate,
          minutes: input.minutes,
          note,
          status: ServiceStatus.LOGGED,
          loggedBy: actor.userId,
        },
        tx,
      );
      return {
        result: serviceRecordView(record),
        recordType: 'ServiceRecord',
        recordId: record.id,
        summary: {
          after: { volunteerId: volunteer.id, institutionId, date: input.serviceDate, minutes: input.minutes },
        },
      };
    });
  }

  /**
   * Verifies a LOGGED record and posts its credit in the same transaction (DESIGN.md time credit): the daily cap
   * per service date, points, and the storage cap with the excess to the public pool.
   */
  async verify(actor: Actor, id: string): Promise<ServiceRecord> {
    const rules = this.config.timeBank;
    return this.unitOfWork.run(actor, 'verifyService', async (tx) => {
      const record = await this.lockForDecision(tx, actor, id);
      // The volunteer's accounts are locked first, so verifications for one volunteer take turns: the daily cap
      // below sees every credit committed before.
      const locks = await this.ledger.lockVolunteers(tx, [record.volunteerId]);
      const counted = await this.records.countedMinutesOn(record.volunteerId, record.serviceDate, tx);
      const credit = serviceCredit(rules, record.minutes, counted, locks.balance(record.volunteerId, Currency.TIME));
      let journalId: string | null = null;
      if (credit.creditedMinutes > 0) {
        const journal = await this.ledger.post(
          tx,
          locks,
          {
            kind: JournalKind.SERVICE_CREDIT,
            actorId: actor.userId,
            // Statement lines are worded from the service's facts, in the reader's language.
            note: null,
          },
          serviceCreditPostings(record.volunteerId, credit),
        );
        journalId = journal.id;
      }
      Object.assign(record, {
        status: ServiceStatus.VERIFIED,
        creditedMinutes: credit.creditedMinutes,
        uncreditedMinutes: credit.uncreditedMinutes,
        pointsAwarded: credit.points,
        journalId,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      });
      await this.records.updateDecision(
        record.id,
        {
          status: record.status,
          creditedMinutes: record.creditedMinutes,
          uncreditedMinutes: record.uncreditedMinutes,
          pointsAwarded: record.pointsAwarded,
          journalId,
          decidedBy: actor.userId,
          decidedAt: record.decidedAt,
        },
        tx,
      );
      return {
        result: serviceRecordView(record),
        recordType: 'ServiceRecord',
        recordId: record.id,
        summary: {
          after: { status: record.status, credited: credit.creditedMinutes, uncredited: credit.uncreditedMinutes },
          overflowToPool: credit.overflowMinutes,
          points: credit.points,
          journalId,
        },
      };
    });
  }

  async reject(actor: Actor, id: string, reason: string): Promise<ServiceRecord> {
    const why = requiredReason(reason);
    return this.unitOfWork.run(actor, 'rejectService', async (tx) => {
      const record = await this.lockForDecision(tx, actor, id);
      Object.assign(record, {
        status: ServiceStatus.REJECTED,
        rejectReason: why,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      });
      await this.records.updateDecision(
        record.id,
        { status: record.status, rejectReason: why, decidedBy: actor.userId, decidedAt: record.decidedAt },
        tx,
      );
      return {
        result: serviceRecordView(record),
        recordType: 'ServiceRecord',
        recordId: record.id,
        summary: { after: { status: record.status, reason: why } },
      };
    });
  }

  /** The record, locked; only the admin of the institution where it happened decides, and only once. */
  private async lockForDecision(tx: EntityManager, actor: Actor, id: string): Promise<ServiceRecordEntity> {
    assertId(id, msg('thing.serviceRecord'));
    const record = await this.records.lockById(id, tx);
    if (!record) throw notFound(msg('thing.serviceRecord'));
    if (record.institutionId !== actor.institutionId) throw forbidden(msg('timebank.serviceDoneAtAnotherInstitution'));
    if (record.status !== ServiceStatus.LOGGED) {
      throw conflict(msg('timebank.thisServiceRecordIsAlready', { status: record.status }), 'id');
    }
    return record;
  }

  /** The reversals of these crediting journals, in their order (null where not reversed). One query. */
  async reversalsOf(journalIds: readonly string[]): Promise<(string | null)[]> {
    const rows = await this.records.reversalsOf(journalIds);
    const byOriginal = new Map(rows.map((r) => [r.reverses, r.id]));
    return journalIds.map((id) => byOriginal.get(id) ?? null);
  }

  /** A volunteer's own records, or an institution admin's records of service done there; latest service first. */
  async list(actor: Actor, filter: ServiceRecordFilter, page: PageArgs): Promise<Connection<ServiceRecord>> {
    if (actor.role === Role.VOLUNTEER) {
      if (filter.volunteerId) throw BadUserInputError.field('volunteerId', msg('timebank.aVolunteerSeesOnlyIts'));
    } else if (filter.volunteerId) {
      assertId(filter.volunteerId, msg('thing.volunteer'));
    }
    const pageOf = await this.records.list(
      actor.role === Role.VOLUNTEER
        ? { userId: actor.userId }
        : { institutionId: actor.institutionId, volunteerId: filter.volunteerId },
      filter.status,
      page,
    );
    return { ...pageOf, edges: pageOf.edges.map((e) => ({ cursor: e.cursor, node: serviceRecordView(e.node) })) };
  }
}
