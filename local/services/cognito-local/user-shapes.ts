/** A stored user as the API shows it (AdminGetUser, AdminCreateUser, GetUser): attribute lists, epoch-second dates. */
import type { StoredUser } from './users.ts';

export function attributeList(user: StoredUser): { Name: string; Value: string }[] {
  return Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
}

/** The UserType of AdminCreateUser (`Attributes`) and the fields AdminGetUser shares (`UserAttributes` there). */
export function userType(user: StoredUser): Record<string, unknown> {
  return {
    Username: user.username,
    Attributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
