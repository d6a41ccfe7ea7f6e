import { Persona } from '../persona';

/** The personas that work in SageMaker Studio (and get a Studio execution role). */
export const STUDIO_PERSONAS: readonly Persona[] = [Persona.DATA_SCIENTIST, Persona.ML_ENGINEER, Persona.MODEL_APPROVER];
