import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError } from './domain-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
};

const logger = new Logger('Exceptions');

export interface ErrorResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The one mapping from errors to HTTP responses, used by the filter and by the routes served
 * natively by Fastify (POST /assignments). A 500 is logged with an id and leaks nothing.
 */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: {
        statusCode: exception.status,
        error: REASONS[exception.status] ?? 'Error',
        code: exception.code,
        message: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const body =
      typeof response === 'object' && response !== null
        ? { statusCode: status, error: REASONS[status] ?? 'Error', ...(response as Record<string, unknown>) }
        : { statusCode: status, error: REASONS[status] ?? 'Error', message: String(response) };
    return { status, body };
  }
  // Fastify's own errors (body too large, malformed JSON, wrong content type) carry a statusCode.
  const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const message = (exception as Error).message;
    return {
      status: fastifyStatus,
      body: { statusCode: fastifyStatus, error: REASONS[fastifyStatus] ?? 'Error', message },
    };
  }
  const errorId = randomUUID();
  logger.error(`error ${errorId}: ${(exception as Error)?.stack ?? String(exception)}`);
  return {
    status: 500,
    body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', errorId },
  };
}

/** Every error of a Nest route becomes its response through `toErrorResponse`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception);
    void reply.status(status).send(body);
  }
}
