import { registerEnumType } from '@nestjs/graphql';
import { BadUserInputError, forbidden } from './errors.js';
import { msg } from '../i18n/i18n.js';

export enum Role {
  ADMIN = 'ADMIN',
  MUNICIPAL_PLANNER = 'MUNICIPAL_PLANNER',
  DISTRICT_PLANNER = 'DISTRICT_PLANNER',
  INSTITUTION_ADMIN = 'INSTITUTION_ADMIN',
  EVALUATION_BODY = 'EVALUATION_BODY',
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(Role, { name: 'Role', description: 'One role per account; see DESIGN.md access table.' });

/** The caller of a service method: who they are and the scope their role is bound to. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  regionCode: string | null;
  institutionId: string | null;
  evaluationBodyId: string | null;
}

/**
 * The region a planner's figures cover: a district planner always its own (asking for another is FORBIDDEN); anyone
 * else the region asked for, or null for the whole city.
 */
export function plannerRegion(actor: Actor, requested: string | null | undefined): string | null {
  // A blank region is a mistake, never "the whole city".
  if (typeof requested === 'string' && requested.trim() === '') {
    throw BadUserInputError.field('regionCode', msg('value.blankRegionCode'));
  }
  if (actor.role !== Role.DISTRICT_PLANNER) return requested ?? null;
  if (requested !== null && requested !== undefined && requested !== actor.regionCode) {
    throw forbidden(msg('auth.outsideRegion', { region: actor.regionCode ?? '' }));
  }
  return actor.regionCode;
}

/** A district planner may filter a list by its own region only (FORBIDDEN for another); anyone else by any. */
export function assertRegionFilterInScope(actor: Actor, regionCode: string | null | undefined): void {
  if (actor.role === Role.DISTRICT_PLANNER && regionCode && regionCode !== actor.regionCode) {
    throw forbidden(msg('certification.outsideYourRegion', { regionCode: actor.regionCode }));
  }
}
