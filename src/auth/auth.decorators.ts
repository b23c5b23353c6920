import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor, Role } from '../common/roles.js';
import type { UserEntity } from './user.entity.js';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
export const DURING_PASSWORD_CHANGE_KEY = 'duringPasswordChange';
export const ANY_ROLE = 'ANY_ROLE';

/** Who may call this operation. Operations without `@Roles` or `@Public` are refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in account, whatever its role (for `me`, `changePassword`, reference data). */
export const AnyRole = () => SetMetadata(ROLES_KEY, ANY_ROLE);

/** Open to anonymous callers (login, health); rate-limited per client where it matters. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const SIGNED_IN_TOO_KEY = 'signedInToo';

/**
 * Public, and also open to a signed-in caller who sends a token (then checked as usual and available through
 * `CurrentActor`, which is undefined for an anonymous caller). For volunteer sign-up, which an institution admin
 * may also do on someone's behalf.
 */
export const PublicOrSignedIn = () => (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
  Public()(target, key!, descriptor!);
  SetMetadata(SIGNED_IN_TOO_KEY, true)(target, key!, descriptor!);
};

/** The signed-in caller, set by the auth guard. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return requestOf(ctx).actor as Actor;
});

/** The signed-in caller's account, already read by the auth guard (no second query). */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): UserEntity => {
  return requestOf(ctx).account as UserEntity;
});

export interface AuthedRequest {
  /** The caller's account row as the guard read it for this request. */
  account?: UserEntity;
  actor?: Actor;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export function requestOf(ctx: ExecutionContext): AuthedRequest {
  if (ctx.getType<string>() === 'graphql')
    return GqlExecutionContext.create(ctx).getContext<{ req: AuthedRequest }>().req;
  return ctx.switchToHttp().getRequest<AuthedRequest>();
}

/** The client address used for anonymous rate limits. */
export const clientKey = (req: AuthedRequest): string => req.ip ?? 'unknown';

/** Still allowed while the account holds a temporary password (`me`, `changePassword`). */
export const DuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE_KEY, true);
