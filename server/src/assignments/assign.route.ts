import { Injectable } from '@nestjs/common';
import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { ASSIGNMENT_REASONS, type AssignmentRequest, type AssignmentResponse } from '@verdict/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthService } from '../auth/auth.service';
import { toErrorResponse } from '../common/all-exceptions.filter';
import { jsonBodyConfig } from '../common/json-body';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';
import { attributesProblem, idProblem, isPlainObject, unknownFields } from '../common/request-validation';
import { ApiErrorDto } from '../common/openapi';
import { AssignmentsService } from './assignments.service';
import { AssignmentRequestDto, AssignmentResponseDto } from './dto/assignment.dto';

export const ASSIGN_PATH = '/assignments';

/** What the handler uses of Fastify's request and reply. */
interface RouteRequest {
  headers: { authorization?: string };
  body: unknown;
}
interface RouteReply {
  status(code: number): { send(body: unknown): RouteReply };
}

// Compiled once by Fastify into a serializer (fast-json-stringify) for the 200 answer.
const RESPONSE_SCHEMA = {
  type: 'object',
  required: ['experimentKey', 'unitId', 'inExperiment', 'variantKey', 'assignedAt', 'reason'],
  properties: {
    experimentKey: { type: 'string' },
    unitId: { type: 'string' },
    inExperiment: { type: 'boolean' },
    variantKey: { type: ['string', 'null'] },
    assignedAt: { type: ['string', 'null'] },
    reason: { type: 'string' },
  },
  additionalProperties: false,
} as const;

/**
 * POST /assignments as a native Fastify route: the one hot SDK call skips Nest's router
 * (guard, pipes, interceptors, response mapping), which cost more than the durable insert.
 * It keeps everything else: the same auth (`AuthService`, the guard's own code and key cache),
 * the same hand validation and 400 body, the same service, and errors mapped to responses by
 * the same function as the global filter.
 *
 * Body validation stays the hand-written `parseAssignmentRequest` rather than an ajv schema: it
 * costs about a microsecond (docs/performance.md) and its reasons (`must not be empty`, lone
 * surrogates in `attributes`) are the API's contract, which a second validator could contradict.
 */
@Injectable()
export class AssignRoute {
  constructor(
    private readonly auth: AuthService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Adds the route to the app's Fastify instance under `prefix` (the global prefix, e.g. `/api/v1`). */
  register(app: NestFastifyApplication, prefix: string): void {
    // The Fastify that Nest's adapter runs (its own copy, whose types differ from the root one's).
    app.getHttpAdapter().getInstance().route({
      method: 'POST',
      url: `${prefix}${ASSIGN_PATH}`,
      schema: { response: { 200: RESPONSE_SCHEMA } },
      config: jsonBodyConfig({ freeFormFields: ['attributes'] }),
      handler: (request, reply) => this.handle(request, reply),
    });
  }

  async handle(request: RouteRequest, reply: RouteReply): Promise<AssignmentResponse | RouteReply> {
    try {
      await this.auth.authenticate(request.headers.authorization, { access: 'sdk' });
      return await this.assignments.assign(parseAssignmentRequest(request.body));
    } catch (error) {
      const { status, body } = toErrorResponse(error);
      return reply.status(status).send(body);
    }
  }
}

/** The body of POST /assignments, or a 400 naming every wrong field. */
export function parseAssignmentRequest(body: unknown): AssignmentRequest {
  if (!isPlainObject(body)) throw new InvalidFieldError([{ field: 'body', reason: 'must be a JSON object' }]);
  const problems: FieldProblem[] = unknownFields(body, ['experimentKey', 'unitId', 'attributes']);
  const keyProblem = idProblem(body.experimentKey);
  if (keyProblem) problems.push({ field: 'experimentKey', reason: keyProblem });
  const unitProblem = idProblem(body.unitId);
  if (unitProblem) problems.push({ field: 'unitId', reason: unitProblem });
  const attrProblem = attributesProblem(body.attributes);
  if (attrProblem) problems.push({ field: 'attributes', reason: attrProblem });
  if (problems.length) throw new InvalidFieldError(problems);
  return body as unknown as AssignmentRequest;
}

/** The route in the OpenAPI document, as the controller decorators would have put it. */
export function documentAssignRoute(document: OpenAPIObject, prefix: string): void {
  const json = (schema: object) => ({ 'application/json': { schema } });
  const problem = (description: string) => ({ description, content: json({ $ref: getSchemaPath(ApiErrorDto) }) });
  document.paths[`${prefix}${ASSIGN_PATH}`] = {
    post: {
      operationId: 'AssignmentsController_assign',
      summary: 'The variant of a unit in an experiment (sticky, durable before the response)',
      tags: ['assignments'],
      security: [{ bearer: [] }],
      requestBody: { required: true, content: json({ $ref: getSchemaPath(AssignmentRequestDto) }) },
      responses: {
        200: {
          description: `\`reason\`: ${ASSIGNMENT_REASONS.join(', ')}`,
          content: json({ $ref: getSchemaPath(AssignmentResponseDto) }),
        },
        400: problem('A bad body: `errors` names each field and its reason'),
        401: problem('No key, or an unknown or revoked one'),
        403: problem('A viewer or editor key: only sdk and admin keys call the application routes'),
        404: problem('Unknown experiment'),
      },
    },
  };
}
