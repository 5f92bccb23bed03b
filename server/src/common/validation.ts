import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import { ValidationError, ValidatorOptions } from 'class-validator';
import type { FieldProblem } from './domain-error';

export const NOT_NULL = 'must not be null';
export const NOT_AN_OBJECT = 'must be a JSON object';

// Where @nestjs/swagger keeps each DTO property's `@ApiProperty` options (its DECORATORS constant).
const API_PROPERTY_METADATA = 'swagger/apiModelProperties';

/**
 * Whether a DTO property accepts `null`: exactly when its OpenAPI description says `nullable: true`,
 * so that the document and the server cannot disagree (PartialType copies the option too).
 */
export function isNullable(dto: object, property: string): boolean {
  return Reflect.getMetadata(API_PROPERTY_METADATA, dto, property)?.nullable === true;
}

const isDocumented = (dto: object, property: string): boolean =>
  Reflect.getMetadata(API_PROPERTY_METADATA, dto, property) !== undefined;

const isDtoInstance = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;

/**
 * `null` given for a property that is not nullable, anywhere in a transformed DTO. class-validator's
 * `@IsOptional()` lets `null` through like a missing value; a client library sending `null` for an
 * unset field would otherwise reach the database with it.
 */
export function forbiddenNulls(dto: object): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(dto)) {
    const error = new ValidationError();
    error.property = property;
    error.children = [];
    if (value === null) {
      // An undocumented property is the whitelist's to refuse ("should not exist").
      if (!isDocumented(dto, property) || isNullable(dto, property)) continue;
      error.constraints = { isNotNull: NOT_NULL };
    } else if (isDtoInstance(value)) {
      error.children = forbiddenNulls(value);
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (!isDtoInstance(item)) return;
        const children = forbiddenNulls(item);
        if (children.length) error.children!.push(Object.assign(new ValidationError(), { property: String(index), children }));
      });
    }
    if (error.constraints || error.children.length) errors.push(error);
  }
  return errors;
}

/**
 * The global pipe: class-validator with whitelisting, plus two rules it lacks: a body, when sent,
 * must be a JSON object (Nest would read a `null` body as `{}` and an array as a list of DTOs), and
 * `null` only where a field is documented as nullable.
 */
export class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const notAnObject = value === null || (value !== undefined && (typeof value !== 'object' || Array.isArray(value)));
    if (metadata.type === 'body' && notAnObject && this.toValidate(metadata)) {
      throw badRequest([{ field: 'body', reason: NOT_AN_OBJECT }]);
    }
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    return [...(await super.validate(object, options)), ...forbiddenNulls(object)];
  }
}

/** Flattens class-validator's tree into `steps[0].kind: must be one of …` problems. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator prefixes messages with the property name; we name the full path instead.
      const reason = message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
      problems.push({ field, reason });
    }
    if (error.children?.length) problems.push(...flattenValidationErrors(error.children, field));
  }
  return problems;
}

function badRequest(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: problems.map((p) => `${p.field} ${p.reason}`).join('; ') || 'invalid request body',
    errors: problems,
  });
}

/** A `null` field is named once, as null, not also by every rule its type would have broken. */
function withoutRulesBrokenByNull(problems: FieldProblem[]): FieldProblem[] {
  const nullFields = new Set(problems.filter((p) => p.reason === NOT_NULL).map((p) => p.field));
  return problems.filter((p) => p.reason === NOT_NULL || !nullFields.has(p.field));
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => badRequest(withoutRulesBrokenByNull(flattenValidationErrors(errors))),
  });
}
