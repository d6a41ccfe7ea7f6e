import { PackRule } from '../../rule';

export const MESSAGING_RULES: PackRule[] = [];
