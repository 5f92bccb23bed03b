import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ADMIN_PRINCIPAL, Principal } from './principal';

/** The caller the guard authenticated (`@CurrentPrincipal() principal: Principal`). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<{ principal?: Principal }>().principal ?? ADMIN_PRINCIPAL,
);
