import { PackRule } from '../../rule';

export const APP_RULES: PackRule[] = [];
