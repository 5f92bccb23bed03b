import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ForbiddenError } from '../common/domain-error';
import { AdminTokenService } from './admin-token.service';
import { ApiKeysService } from './api-keys.service';
import { ADMIN_PRINCIPAL, Principal } from './principal';
import { Access, allows } from '../common/roles.decorator';
import { hashToken } from './token-hash';

export interface AuthenticateOptions {
  /** Which keys may call the route (roles.decorator.ts). */
  access: Access;
}

/**
 * Who is calling, from the `Authorization` header: the admin token or an API key (cached by
 * its SHA-256). One implementation for the Nest guard and the natively served hot route.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly adminToken: AdminTokenService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** The principal, or throws: 401 for no or an unknown key, 403 for a key of the wrong scope. */
  async authenticate(authorization: string | undefined, options: AuthenticateOptions): Promise<Principal> {
    const token = bearerToken(authorization);
    if (!token) throw unauthorized('missing bearer token (Authorization: Bearer <key>)');

    const tokenHash = hashToken(token);
    const principal = this.adminToken.isAdmin(tokenHash) ? ADMIN_PRINCIPAL : await this.apiKeys.resolve(tokenHash);
    if (!principal) throw unauthorized('invalid or revoked key');

    if (!allows(principal.scope, options.access)) {
      throw new ForbiddenError(`a key of scope "${principal.scope}" may not call this route`);
    }
    return principal;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function unauthorized(message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message });
}
