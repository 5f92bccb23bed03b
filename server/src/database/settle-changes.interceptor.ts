import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, catchError, concatMap, from, throwError } from 'rxjs';
import { ACCESS, type Access } from '../common/roles.decorator';
import { ChangeNotifications } from './change-notifications';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Before a write route answers (any method but a read, on the admin routes), waits until this
 * instance's caches have taken in every change committed so far, including the route's own.
 * So an experiment assigns from the first request after `POST /experiments/:key/start`
 * returns, and a revoked key fails at once on the instance that revoked it. The SDK's
 * ingestion routes change nothing that is cached and skip it.
 */
@Injectable()
export class SettleChangesInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly changes: ChangeNotifications,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.switchToHttp().getRequest<FastifyRequest>().method;
    const sdkRoute = this.reflector.getAllAndOverride<Access>(ACCESS, [context.getHandler(), context.getClass()]) === 'sdk';
    if (READS.has(method) || sdkRoute) return next.handle();
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        await this.changes.settled();
        return value;
      }),
      // A route may fail after committing part of its work (e.g. a stop whose final run could not be queued).
      catchError((error: unknown) => from(this.changes.settled()).pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
