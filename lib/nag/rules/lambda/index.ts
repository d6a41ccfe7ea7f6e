import { PackRule } from '../../rule';

export const LAMBDA_RULES: PackRule[] = [];
