import { PackRule } from '../../rule';

export const IAM_RULES: PackRule[] = [];
