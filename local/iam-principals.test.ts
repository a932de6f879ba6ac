import { describe, expect, it } from 'vitest';
import { assumedRolePrincipal, iamUserPrincipal, LOCAL_USER, localUniqueId, roleIdOf } from './iam-principals.ts';

const ROLE_ARN = 'arn:aws:iam::000000000000:role/NotesApp-PublisherRole';

describe('local IAM principals', () => {
  it('reports the local user as AppSync reports an IAM user: its ARN and an AIDA unique id', () => {
    expect(LOCAL_USER.userArn).toBe('arn:aws:iam::000000000000:user/local');
    expect(LOCAL_USER.accountId).toBe('000000000000');
    expect(LOCAL_USER.username).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(iamUserPrincipal('local')).toEqual(LOCAL_USER);
  });

  it('reports a function as a session of its role: assumed-role ARN and <roleId>:<session>', () => {
    const principal = assumedRolePrincipal(ROLE_ARN, 'notes-publisher');
    expect(principal).toEqual({
      accountId: '000000000000',
      userArn: 'arn:aws:sts::000000000000:assumed-role/NotesApp-PublisherRole/notes-publisher',
      username: `${roleIdOf(ROLE_ARN)}:notes-publisher`,
    });
    expect(roleIdOf(ROLE_ARN)).toMatch(/^AROA[A-Z2-7]{17}$/);
  });

  it('leaves a role path out of the assumed-role ARN, as STS does', () => {
    expect(assumedRolePrincipal('arn:aws:iam::000000000000:role/service/team/Worker', 'fn').userArn).toBe(
      'arn:aws:sts::000000000000:assumed-role/Worker/fn',
    );
  });

  it('derives ids from the ARN: the same ARN always, different ARNs apart', () => {
    expect(localUniqueId('AROA', ROLE_ARN)).toBe(localUniqueId('AROA', ROLE_ARN));
    expect(roleIdOf(`${ROLE_ARN}2`)).not.toBe(roleIdOf(ROLE_ARN));
  });

  it('refuses what is not a role ARN', () => {
    expect(() => assumedRolePrincipal('arn:aws:iam::000000000000:user/local', 'fn')).toThrow(/Not an IAM role ARN/);
  });
});
