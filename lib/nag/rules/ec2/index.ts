import { PackRule } from '../../rule';

export const EC2_RULES: PackRule[] = [];
