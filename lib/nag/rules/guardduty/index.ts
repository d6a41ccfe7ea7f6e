import { PackRule } from '../../rule';

export const GUARDDUTY_RULES: PackRule[] = [];
