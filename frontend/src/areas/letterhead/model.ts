import type { components } from '../../api/schema';

export type Letterhead = components['schemas']['Letterhead'];
export type LetterheadRequest = components['schemas']['LetterheadRequest'];
