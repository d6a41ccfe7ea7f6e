import { PackRule } from '../../rule';

export const SAGEMAKER_RULES: PackRule[] = [];
