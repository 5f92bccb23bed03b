import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { getMetadataStorage } from 'class-validator';
import type { ApiError } from '@verdict/shared';

// The OpenAPI document is part of the contract and is checked by the tests: every response the
// e2e suite receives is validated against it. These helpers keep it true by construction.

class FieldProblemDto {
  @ApiProperty({ example: 'steps[0].kind' }) field!: string;
  @ApiProperty({ example: 'must be one of the following values: trigger, step' }) reason!: string;
}

/** The one error body of every 4xx and 5xx (see all-exceptions.filter.ts). */
export class ApiErrorDto implements ApiError {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'minimumEffect must not be less than 0.0001' }) message!: string;
  @ApiPropertyOptional({ description: 'A stable machine-readable code for domain errors', example: 'not_found' })
  code?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'Every wrong field of a 400 and its reason' })
  errors?: FieldProblemDto[];
  @ApiPropertyOptional({ description: 'A 500 only: the id under which the error was logged' }) errorId?: string;
}

/** Any JSON value but null (e.g. a cohort rule's `value`): `@ApiProperty(ANY_JSON_VALUE)`. */
export const ANY_JSON_VALUE = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: {} }, { type: 'object' }],
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A bad request: `errors` names each wrong field and its reason',
  401: 'No key, or an unknown or revoked one',
  403: 'The role of the key may not call this route (viewer < editor < admin; only sdk and admin keys call the application routes)',
  404: 'Unknown resource',
  409: 'A duplicate key, or a change the current status forbids',
  413: 'Body larger than the limit',
  414: 'A path parameter longer than 100 characters (no key or id is that long)',
  415: 'Body not sent as application/json',
  500: 'An internal failure: nothing leaks but `errorId`, under which the server logged it',
};

/** The 4xx responses an operation (or every operation of a controller) can answer, all with the error body. */
export const ApiErrors = (...statuses: (keyof typeof ERROR_DESCRIPTIONS)[]) =>
  applyDecorators(
    ApiExtraModels(ApiErrorDto),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ApiErrorDto })),
  );

/** A 200 list answer: `{items: Model[], total}`. */
export const ApiPageResponse = (model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      description: '`{items, total}`: one page, and the number of items in all pages',
      schema: {
        type: 'object',
        required: ['items', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer', minimum: 0 },
        },
      },
    }),
  );

type Schema = SchemaObject | ReferenceObject;
const isRef = (schema: Schema): schema is ReferenceObject => '$ref' in schema;
const METHODS_WITH_BODY = ['post', 'put', 'patch', 'delete'];

/**
 * Completes the generated document with what the decorators cannot say on their own:
 * - the constraints of the class-validator rules the server enforces (integer, ranges, lengths,
 *   patterns, enums, array sizes), read from the rules themselves so that they cannot drift;
 * - `additionalProperties: false` on every request schema (the server refuses unknown fields);
 * - 400, 413 and 415 on every operation that reads a body (Fastify parses any body sent), and 400
 *   on every operation (a path or query string with U+0000 or lone surrogates), 414 on every
 *   operation with path parameters;
 * - 500 on every operation, with the same error body.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [target, rules] of validationRulesByClass()) {
    const schema = schemas[target.name];
    if (schema && !isRef(schema)) applyRules(schema, rules);
  }
  const requestSchemas = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const op = operation as {
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        parameters?: unknown[];
        responses: Record<string, unknown>;
      };
      op.responses[500] ??= { description: ERROR_DESCRIPTIONS[500], content: errorContent() };
      // Any path or query string is refused before routing when it holds U+0000 or lone surrogates.
      op.responses[400] ??= { description: ERROR_DESCRIPTIONS[400], content: errorContent() };
      // Fastify refuses longer path parameters itself.
      if (op.parameters?.some((p) => (p as { in?: string }).in === 'path')) {
        op.responses[414] ??= { description: ERROR_DESCRIPTIONS[414], content: errorContent() };
      }
      if (!METHODS_WITH_BODY.includes(method)) continue;
      for (const media of Object.values(op.requestBody?.content ?? {})) collectRefs(media.schema, schemas, requestSchemas);
      for (const status of [400, 413, 415]) {
        op.responses[status] ??= { description: ERROR_DESCRIPTIONS[status], content: errorContent() };
      }
    }
  }
  for (const name of requestSchemas) {
    const schema = schemas[name];
    if (!isRef(schema) && schema.properties) schema.additionalProperties = false;
  }
  return document;
}

const errorContent = () => ({ 'application/json': { schema: { $ref: getSchemaPath(ApiErrorDto) } } });

/** The names of the component schemas reachable from `schema`. */
function collectRefs(schema: Schema | undefined, schemas: Record<string, Schema>, found: Set<string>): void {
  if (!schema) return;
  if (isRef(schema)) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (found.has(name)) return;
    found.add(name);
    collectRefs(schemas[name], schemas, found);
    return;
  }
  for (const child of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) collectRefs(child, schemas, found);
  if (schema.items) collectRefs(schema.items, schemas, found);
  for (const property of Object.values(schema.properties ?? {})) collectRefs(property, schemas, found);
}

interface Rule {
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
}

/** class-validator's rules, by the DTO class they decorate (inherited ones included, as PartialType copies). */
function validationRulesByClass(): Map<Type<unknown>, Rule[]> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type<unknown>, Rule[]> };
  const result = new Map<Type<unknown>, Rule[]>();
  for (const target of storage.validationMetadatas.keys()) {
    result.set(target, getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) as Rule[]);
  }
  return result;
}

function applyRules(schema: SchemaObject, rules: Rule[]): void {
  for (const rule of rules) {
    const property = schema.properties?.[rule.propertyName];
    if (!property || isRef(property)) continue;
    const target = rule.each ? property.items : property;
    if (!target || isRef(target)) continue;
    constrain(target, rule);
  }
}

/** One class-validator rule as the JSON-schema keyword that says the same. */
function constrain(schema: SchemaObject, rule: Rule): void {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isInt':
      schema.type = 'integer';
      break;
    case 'min':
      schema.minimum = first as number;
      break;
    case 'max':
      schema.maximum = first as number;
      break;
    case 'isPositive':
      schema.minimum = 0;
      schema.exclusiveMinimum = true;
      break;
    case 'maxLength':
      schema.maxLength = first as number;
      break;
    case 'minLength':
      schema.minLength = first as number;
      break;
    case 'isNotEmpty':
      if (schema.type === 'string') schema.minLength = Math.max(schema.minLength ?? 0, 1);
      break;
    case 'matches':
      schema.pattern = (first as RegExp).source;
      break;
    case 'isIn':
      schema.enum = [...(first as unknown[])];
      break;
    case 'arrayMinSize':
      schema.minItems = first as number;
      break;
    case 'arrayMaxSize':
      schema.maxItems = first as number;
      break;
    case 'isUuid':
      schema.format = 'uuid';
      break;
  }
}
