/** The notes the portal gives when a training target is missing (trainingProgress), as the raw side writes them. */
export const NO_TRAINING_TARGET = {
  city: 'No city-wide training target is set.',
  region:
    'No training target is set for this district or county, and the city-wide target is not a district’s goal; a ' +
    'municipal planner can set one, or share the city’s target out among the districts.',
};
