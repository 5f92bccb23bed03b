import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../common/domain-error';
import { AdminTokenService } from './admin-token.service';
import { ALLOW_SDK } from './allow-sdk.decorator';
import { ApiKeysService } from './api-keys.service';
import { ADMIN_PRINCIPAL, Principal } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { hashToken } from './token-hash';

/** Bearer auth on every route but `@Public()` ones; `sdk` keys only where `@AllowSdk()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly adminToken: AdminTokenService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized('missing bearer token (Authorization: Bearer <key>)');

    const tokenHash = hashToken(token);
    const principal = this.adminToken.isAdmin(tokenHash) ? ADMIN_PRINCIPAL : await this.apiKeys.resolve(tokenHash);
    if (!principal) throw unauthorized('invalid or revoked key');

    if (principal.scope !== 'admin' && !this.reflector.getAllAndOverride<boolean>(ALLOW_SDK, targets)) {
      throw new ForbiddenError(`a key of scope "${principal.scope}" may not call this route`);
    }
    request.principal = principal;
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message });
}
