import { PackRule } from '../../rule';

export const CLOUDTRAIL_RULES: PackRule[] = [];
