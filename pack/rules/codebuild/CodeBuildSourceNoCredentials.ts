import { failed, passed, ResourceRule } from '../../rule';
import { flatten } from '../../values';
import { sourcesOf } from './private';

/**
 * The credentials part of a URL (`https://<user>:<password>@host`, or a token as the user:
 * `https://ghp_…@github.com`). A plain user name (`https://team@bitbucket.org/…`, as Bitbucket
 * shows clone URLs) holds no secret and is not matched.
 */
const USER_INFO = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]+)@/i;
const TOKEN_AS_USER = /^(ghp_|gho_|ghu_|ghs_|github_pat_|glpat-|x-access-token|x-token-auth|oauth2)/i;

/** The secret a source location's user info holds, described, or undefined. */
function credentialsIn(location: string): string | undefined {
  const userInfo = USER_INFO.exec(location)?.[1];
  if (userInfo === undefined) {
    return undefined;
  }
  if (userInfo.includes(':')) {
    return 'a user name and password (or token)';
  }
  return TOKEN_AS_USER.test(userInfo) || userInfo.length >= 30 ? 'an access token' : undefined;
}

/**
 * No credentials in a build project's source URL (GitHub, GitHub Enterprise, Bitbucket or any Git
 * URL): a token or password in `Location` is readable by anyone who can read the project, and
 * CodeBuild has source credentials (`AWS::CodeBuild::SourceCredential`) or a CodeConnections
 * connection for this.
 */
export const CodeBuildSourceNoCredentials: ResourceRule = {
  id: 'CodeBuildSourceNoCredentials',
  resourceTypes: ['AWS::CodeBuild::Project'],
  passes: 'The `Location` of its source and of every secondary source carries no user name with a password and no access token before the host (`https://user:pass@…`, `https://<token>@…`); a plain user name is accepted. A source synth cannot read fails.',
  check: (project) => {
    for (const source of sourcesOf(project)) {
      if (source === null) {
        return failed('Its source cannot be read at synth, so credentials in its location cannot be ruled out.', 'Properties/Source');
      }
      const found = credentialsIn(flatten(source.Location));
      if (found) {
        return failed(`Its source location carries ${found} in the URL, readable by anyone who can read the project or its builds.`, 'Properties/Source/Location');
      }
    }
    return passed();
  },
};
