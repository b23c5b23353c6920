import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict } from '../common/errors.js';
import { isUuid } from '../common/ids.js';
import { maskPhone, PiiCipher } from '../common/pii.js';
import { parseResidentId } from '../common/validation/resident-id.js';
import { EmploymentsRepository } from './employments.repository.js';
import type { PersonEntity } from './person.entity.js';
import { type NewPersonRow, personColumns } from './persons.js';
import { PersonsRepository } from './persons.repository.js';
import type { Education, Sex } from './workforce.enums.js';
import { msg } from '../i18n/i18n.js';

/** What a registration may add to a stored person who lacks it. */
export interface PersonBlankFill {
  personId: string;
  phone: string | null;
  education: Education | null;
}

/**
 * The registry of persons as other modules use it (certificate holders, trainees, volunteers), and staff
 * registration within this one: always inside the caller's transaction (`em`, from UnitOfWork.run).
 */
@Injectable()
export class PersonsService {
  constructor(
    private readonly persons: PersonsRepository,
    private readonly employments: EmploymentsRepository,
    private readonly pii: PiiCipher,
  ) {}

  /** Persons by id, for nested fields whose parent the actor already may see (the person loader). One query. */
  async personsByIds(ids: readonly string[]): Promise<(PersonEntity | null)[]> {
    const rows = await this.persons.findByIds(ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Whether the person holds an active employment at the institution on the date. */
  async isEmployedAt(em: EntityManager, personId: string, institutionId: string, date: string): Promise<boolean> {
    return this.employments.isActiveAt(personId, institutionId, date, em);
  }

  /** Whether a person with this id exists (for other modules telling NOT_FOUND from FORBIDDEN). */
  async personExists(em: EntityManager, personId: string): Promise<boolean> {
    return isUuid(personId) && this.persons.exists(personId, em);
  }

  /**
   * A person's ID-number look-up hash and birth date (YYYY-MM-DD), inside the caller's transaction: for the time bank
   * comparing a volunteer's own person with a relative. One query.
   */
  personIdentity(personId: string, tx: EntityManager): Promise<{ hash: string; birthDate: string }> {
    return this.persons.identity(personId, tx);
  }

  /**
   * The stored persons among these (normalised) ID numbers, by ID number, locked until the caller's transaction
   * ends. One query.
   */
  async findPersonsByIdNumbers(
    em: EntityManager,
    idNumbers: readonly string[],
  ): Promise<Map<string, { id: string; name: string }>> {
    const byHash = new Map(idNumbers.map((n) => [this.pii.lookupHash(n), n]));
    if (byHash.size === 0) return new Map();
    const rows = await this.persons.lockByIdNumberHashes([...byHash.keys()], em);
    return new Map(rows.map((p) => [byHash.get(p.idNumberHash)!, { id: p.id, name: p.name }]));
  }

  /**
   * Creates persons not yet in the registry (ID number normalised and valid, name normalised), in one statement.
   * Returns their ids by ID number; CONFLICT if another request created one of them meanwhile (retry the request).
   */
  async createPersons(
    em: EntityManager,
    persons: readonly { idNumber: string; name: string; phone?: string | null }[],
  ): Promise<Map<string, string>> {
    const unique = [...new Map(persons.map((p) => [p.idNumber, p])).values()];
    const rows = unique.map((p) => {
      const id = parseResidentId(p.idNumber);
      return { ...p, birthDate: id.birthDate, sex: id.sex as Sex, phone: p.phone ?? null, education: null };
    });
    const inserted = await this.insertNew(em, rows);
    if (inserted.size !== rows.length) {
      throw conflict(msg('workforce.someOfThesePeopleWere'));
    }
    return new Map(rows.map((r) => [r.idNumber, inserted.get(this.pii.lookupHash(r.idNumber))!]));
  }

  /**
   * Stores persons in one statement, their ID numbers and phones encrypted, hashed and masked; numbers stored
   * meanwhile are left alone. Returns the ids of the rows inserted, by look-up hash.
   */
  async insertNew(em: EntityManager, rows: readonly NewPersonRow[]): Promise<Map<string, string>> {
    return this.persons.insertMany(
      rows.map((r) => ({ ...r, ...personColumns(this.pii, r.idNumber, r.phone) })),
      em,
    );
  }

  /** Stores a phone for a person who has none (never overwrites). */
  async addPhoneIfMissing(em: EntityManager, personId: string, _idNumber: string, phone: string): Promise<void> {
    await this.fillBlanks(em, [{ personId, phone, education: null }]);
  }

  /**
   * A registration may add a phone or education a stored person lacks; it never overwrites one (correctPerson
   * does). The first fill given for a person counts. One statement.
   */
  async fillBlanks(em: EntityManager, fills: readonly PersonBlankFill[]): Promise<void> {
    const byPerson = new Map<string, PersonBlankFill>();
    for (const fill of fills) {
      if ((fill.phone || fill.education) && !byPerson.has(fill.personId)) byPerson.set(fill.personId, fill);
    }
    await this.persons.fillBlanks(
      [...byPerson.values()].map((f) => ({
        id: f.personId,
        phoneEncrypted: f.phone ? this.pii.encrypt(f.phone) : null,
        phoneMasked: f.phone ? maskPhone(f.phone) : null,
        education: f.education,
      })),
      em,
    );
  }
}
