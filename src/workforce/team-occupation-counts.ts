import { Occupation, Team } from './workforce.enums.js';
import type { OccupationCount, TeamCount } from './workforce.model.js';

/**
 * A headcount's breakdowns as the API gives them: every team and every occupation in the enums' order, zeros
 * included. Used by workforceHeadcount and by planning's workforceProgress, which count the same way.
 */
export function byTeamAndOccupation(
  teams: ReadonlyMap<string, number>,
  occupations: ReadonlyMap<string, number>,
): { byTeam: TeamCount[]; byOccupation: OccupationCount[] } {
  return {
    byTeam: Object.values(Team).map((team) => ({ team, count: teams.get(team) ?? 0 })),
    byOccupation: Object.values(Occupation).map((occupation) => ({
      occupation,
      count: occupations.get(occupation) ?? 0,
    })),
  };
}
