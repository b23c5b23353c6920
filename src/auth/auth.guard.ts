import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { forbidden, unauthenticated } from '../common/errors.js';
import type { Role } from '../common/roles.js';
import { actorOf, AccountsService } from './accounts.service.js';
import {
  ANY_ROLE,
  type AuthedRequest,
  clientKey,
  DURING_PASSWORD_CHANGE_KEY,
  PUBLIC_KEY,
  requestOf,
  ROLES_KEY,
  SIGNED_IN_TOO_KEY,
} from './auth.decorators.js';
import { RateLimiter } from './rate-limiter.js';
import { msg } from '../i18n/i18n.js';

type AuthState = AuthedRequest & { authenticated?: Promise<void> };

/**
 * Deny by default: an operation runs only if it is `@Public()` or names the roles that may call it, and the
 * caller holds a live token for an active account with one of them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = requestOf(ctx) as AuthState;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(SIGNED_IN_TOO_KEY, targets) && req.headers.authorization) {
        req.authenticated ??= this.authenticate(req);
        await req.authenticated;
        if (req.account!.mustChangePassword) throw forbidden(msg('auth.changeTheTemporaryPasswordFirst'));
        return true;
      }
      if (ctx.getType<string>() === 'graphql') this.limiter.anonymousRequest(clientKey(req));
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | typeof ANY_ROLE | undefined>(ROLES_KEY, targets);
    if (!roles) throw forbidden(msg('auth.thisOperationIsNotOpen'));

    // Several root fields of one operation share one look-up of the caller.
    req.authenticated ??= this.authenticate(req);
    await req.authenticated;
    const actor = req.actor!;
    if (
      req.account!.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE_KEY, targets)
    ) {
      throw forbidden(msg('auth.changeTheTemporaryPasswordFirst'));
    }
    if (roles !== ANY_ROLE && !roles.includes(actor.role))
      throw forbidden(msg('auth.notAllowedFor', { role: actor.role }));
    return true;
  }

  private async authenticate(req: AuthState): Promise<void> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated();
    const user = await this.accounts.authenticate(match[1]);
    req.actor = actorOf(user);
    req.account = user;
  }
}
