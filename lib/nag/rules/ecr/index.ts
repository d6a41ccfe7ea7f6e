import { PackRule } from '../../rule';

export const ECR_RULES: PackRule[] = [];
