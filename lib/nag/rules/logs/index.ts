import { PackRule } from '../../rule';

export const LOGS_RULES: PackRule[] = [];
