// Writes RULES.md from the rule definitions: `npm run rules:doc`.
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../pack/rules-doc';

fs.writeFileSync(path.join(__dirname, '..', 'RULES.md'), renderRulesMarkdown());
