import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ALLOW_SDK } from '../common/allow-sdk.decorator';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { IS_PUBLIC } from './public.decorator';

/** Bearer auth on every route but `@Public()` ones; `sdk` keys only where `@AllowSdk()`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    request.principal = await this.auth.authenticate(request.headers.authorization, {
      allowSdk: this.reflector.getAllAndOverride<boolean>(ALLOW_SDK, targets) === true,
    });
    return true;
  }
}
