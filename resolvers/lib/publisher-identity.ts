/**
 * Who may publish verification events: only the stack's own publisher function, recognized by its IAM role.
 * A Lambda function calls AppSync with its role's temporary credentials, which AppSync reports in
 * `ctx.identity.userArn` as `arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>`.
 */

/**
 * The assumed-role ARN prefix of a role ARN (`arn:<partition>:iam::<account>:role/<path/>name`), or null when
 * the text is not a role ARN. A role's path is not part of its assumed-role ARN.
 *
 * @example assumedRolePrefix('arn:aws:iam::123456789012:role/app/Publisher') // 'arn:aws:sts::123456789012:assumed-role/Publisher/'
 */
export function assumedRolePrefix(roleArn: string): string | null {
  const parts = roleArn.split(':');
  if (parts.length !== 6 || parts[0] !== 'arn' || parts[2] !== 'iam' || !parts[4]) return null;
  const resource = parts[5] ?? '';
  if (resource.indexOf('role/') !== 0) return null;
  const name = resource.slice(resource.lastIndexOf('/') + 1);
  if (!name) return null;
  return `arn:${parts[1]}:sts::${parts[4]}:assumed-role/${name}/`;
}

/** Whether the caller's `userArn` is a session of the role `roleArn`. An unset role lets nobody publish. */
export function isSessionOfRole(userArn: string | null | undefined, roleArn: string | null | undefined): boolean {
  const prefix = assumedRolePrefix(roleArn ?? '');
  return prefix !== null && typeof userArn === 'string' && userArn.indexOf(prefix) === 0 && userArn.length > prefix.length;
}
