import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthService } from './auth.service';
import { Principal } from './principal';
import { IS_PUBLIC } from './public.decorator';
import { ACCESS, Access } from '../common/roles.decorator';

/** Bearer auth on every route but `@Public()` ones; the key's scope must fit the route's `@MinRole()` / `@AllowSdk()` (admin when unmarked). */
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
      access: this.reflector.getAllAndOverride<Access>(ACCESS, targets) ?? 'admin',
    });
    return true;
  }
}
