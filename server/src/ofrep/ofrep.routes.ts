import { Injectable, Type } from '@nestjs/common';
import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OfrepErrorCode, OfrepFailure } from '@verdict/shared';
import { AuthService } from '../auth/auth.service';
import { toErrorResponse } from '../common/all-exceptions.filter';
import { DomainError, InvalidFieldError, NotFoundError } from '../common/domain-error';
import { matchesEtag } from '../common/etag';
import { jsonBodyConfig } from '../common/json-body';
import { ApiErrorDto } from '../common/openapi';
import { attributesProblem, idProblem, isPlainObject } from '../common/request-validation';
import { OfrepBulkEvaluationDto, OfrepEvaluationDto, OfrepEvaluationRequestDto, OfrepFailureDto } from './dto/ofrep.dto';
import { OfrepService, OfrepUnit } from './ofrep.service';

/** At the server root, where OFREP clients given Verdict's base URL look (not under /api/v1). */
export const OFREP_FLAG_PATH = '/ofrep/v1/evaluate/flags/:key';
export const OFREP_BULK_PATH = '/ofrep/v1/evaluate/flags';

interface RouteRequest {
  headers: { authorization?: string; 'if-none-match'?: string };
  params: unknown;
  body: unknown;
}
interface RouteReply {
  status(code: number): RouteReply;
  header(name: string, value: string): RouteReply;
  send(body?: unknown): RouteReply;
}

/** A bad evaluation request, in OFREP's words (its 400 body). */
class OfrepRequestError extends Error {
  constructor(
    readonly errorCode: OfrepErrorCode,
    readonly errorDetails: string,
  ) {
    super(errorDetails);
  }
}

/**
 * The OFREP routes, served by Fastify directly like POST /assignments (assign.route.ts), with the
 * same auth (sdk and admin keys). Their 400 and 404 bodies are OFREP's (`errorCode`,
 * `errorDetails`), which the OFREP providers read; 401, 403, 413, 415 and 500 keep the API's one
 * error body. A route-level error handler gives errors met before the handler (a malformed body)
 * the same OFREP shape.
 */
@Injectable()
export class OfrepRoutes {
  constructor(
    private readonly auth: AuthService,
    private readonly ofrep: OfrepService,
  ) {}

  register(app: NestFastifyApplication): void {
    const fastify = app.getHttpAdapter().getInstance();
    const config = jsonBodyConfig({ freeFormFields: ['context'] });
    fastify.route({
      method: 'POST',
      url: OFREP_FLAG_PATH,
      config,
      handler: (request, reply) => this.flag(request, reply),
      errorHandler: (error, request, reply) => void send(reply, failure(error, keyOf(request.params))),
    });
    fastify.route({
      method: 'POST',
      url: OFREP_BULK_PATH,
      config,
      handler: (request, reply) => this.bulk(request, reply),
      errorHandler: (error, _request, reply) => void send(reply, failure(error, undefined)),
    });
  }

  async flag(request: RouteRequest, reply: RouteReply): Promise<RouteReply> {
    const key = keyOf(request.params) ?? '';
    try {
      await this.auth.authenticate(request.headers.authorization, { access: 'sdk' });
      return reply.status(200).send(await this.ofrep.evaluate(key, parseOfrepRequest(request.body)));
    } catch (error) {
      return send(reply, failure(error, key));
    }
  }

  async bulk(request: RouteRequest, reply: RouteReply): Promise<RouteReply> {
    try {
      await this.auth.authenticate(request.headers.authorization, { access: 'sdk' });
      const { etag, body } = await this.ofrep.evaluateAll(parseOfrepRequest(request.body));
      reply.header('ETag', etag).header('Cache-Control', 'no-cache');
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch && matchesEtag(ifNoneMatch, etag)) return reply.status(304).send();
      return reply.status(200).send(body);
    } catch (error) {
      return send(reply, failure(error, undefined));
    }
  }
}

function keyOf(params: unknown): string | undefined {
  const key = (params as { key?: unknown } | undefined)?.key;
  return typeof key === 'string' ? key : undefined;
}

function send(reply: RouteReply, { status, body }: { status: number; body: unknown }): RouteReply {
  return reply.status(status).send(body);
}

/** An error as the OFREP route answers it: OFREP's body for a bad request or unknown flag, else the API's. */
function failure(error: unknown, key: string | undefined): { status: number; body: OfrepFailure | Record<string, unknown> } {
  const withKey = (body: Omit<OfrepFailure, 'key'>): OfrepFailure => (key === undefined ? body : { key, ...body });
  if (error instanceof OfrepRequestError) {
    return { status: 400, body: withKey({ errorCode: error.errorCode, errorDetails: error.errorDetails }) };
  }
  if (error instanceof NotFoundError && key !== undefined) {
    return { status: 404, body: { key, errorCode: 'FLAG_NOT_FOUND', errorDetails: `no experiment "${key}"` } };
  }
  // The body parser's and the request guard's 400s (malformed JSON, NUL characters, nesting).
  const status = error instanceof DomainError ? error.status : (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 400) {
    const details = error instanceof InvalidFieldError ? error.message : (error as Error).message;
    const inContext = error instanceof InvalidFieldError && (error.errors ?? []).every((p) => p.field.startsWith('context'));
    return { status: 400, body: withKey({ errorCode: inContext ? 'INVALID_CONTEXT' : 'PARSE_ERROR', errorDetails: details }) };
  }
  return toErrorResponse(error);
}

/** The unit of an OFREP request: `context.targetingKey` is its id, the rest of the context its attributes. */
export function parseOfrepRequest(body: unknown): OfrepUnit {
  // OFREP providers always send `{context}`; an empty body is a request without a context.
  if (body === undefined || body === null) body = {};
  if (!isPlainObject(body)) throw new OfrepRequestError('PARSE_ERROR', 'body must be a JSON object');
  const unknown = Object.keys(body).filter((field) => field !== 'context');
  if (unknown.length > 0) throw new OfrepRequestError('PARSE_ERROR', `${unknown.map((f) => JSON.stringify(f)).join(', ')} should not exist`);
  const context = body.context;
  if (context === undefined || context === null) {
    throw new OfrepRequestError('TARGETING_KEY_MISSING', 'context.targetingKey (the unit id) is required');
  }
  if (!isPlainObject(context)) throw new OfrepRequestError('INVALID_CONTEXT', 'context must be an object');
  const { targetingKey, ...attributes } = context;
  if (targetingKey === undefined || targetingKey === null || targetingKey === '') {
    throw new OfrepRequestError('TARGETING_KEY_MISSING', 'context.targetingKey (the unit id) is required');
  }
  const keyProblem = idProblem(targetingKey);
  if (keyProblem) throw new OfrepRequestError('INVALID_CONTEXT', `context.targetingKey ${keyProblem}`);
  const attributesProblemText = attributesProblem(attributes);
  if (attributesProblemText) throw new OfrepRequestError('INVALID_CONTEXT', `context ${attributesProblemText}`);
  return { unitId: targetingKey as string, attributes };
}

/** The two routes in the OpenAPI document. */
export function documentOfrepRoutes(document: OpenAPIObject): void {
  const json = (schema: object) => ({ 'application/json': { schema } });
  const ref = (model: Type<unknown>) => ({ $ref: getSchemaPath(model) });
  const apiError = (description: string) => ({ description, content: json(ref(ApiErrorDto)) });
  const common = {
    tags: ['ofrep'],
    security: [{ bearer: [] }],
    requestBody: { required: false, content: json(ref(OfrepEvaluationRequestDto)) },
  };
  const refusals = {
    401: apiError('No key, or an unknown or revoked one'),
    403: apiError('A viewer or editor key: only sdk and admin keys evaluate'),
  };
  const notFound = (description: string) => ({ description, content: json(ref(OfrepFailureDto)) });
  // A path that is not valid percent-encoding is refused before any route runs, with the API's body.
  const badRequest = (description: string) => ({
    description: `${description}; a path Fastify cannot decode: the API's error body`,
    content: json({ oneOf: [ref(OfrepFailureDto), ref(ApiErrorDto)] }),
  });
  document.paths['/ofrep/v1/evaluate/flags/{key}'] = {
    post: {
      ...common,
      operationId: 'OfrepController_evaluateFlag',
      summary: 'OFREP: one experiment for the unit `context.targetingKey`, evaluated and recorded as POST /assignments',
      parameters: [{ name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'The experiment key' }],
      responses: {
        200: { description: 'The variant key as `value` and `variant`', content: json(ref(OfrepEvaluationDto)) },
        400: badRequest('`errorCode` TARGETING_KEY_MISSING, INVALID_CONTEXT or PARSE_ERROR, with `errorDetails`'),
        404: notFound('`errorCode` FLAG_NOT_FOUND: no experiment with this key'),
        ...refusals,
      },
    },
  };
  document.paths[OFREP_BULK_PATH] = {
    post: {
      ...common,
      operationId: 'OfrepController_evaluateFlags',
      summary: 'OFREP: every running or paused experiment for the unit (ETag / If-None-Match → 304)',
      parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'One evaluation per experiment',
          headers: { ETag: { schema: { type: 'string' } } },
          content: json(ref(OfrepBulkEvaluationDto)),
        },
        304: { description: 'Unchanged since the ETag given in If-None-Match' },
        400: badRequest('`errorCode` TARGETING_KEY_MISSING, INVALID_CONTEXT or PARSE_ERROR, with `errorDetails` (no `key`)'),
        ...refusals,
      },
    },
  };
}
