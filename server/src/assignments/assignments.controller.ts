import { Body, Controller, Headers, HttpCode, Post, Get, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { matchesEtag } from '../common/etag';
import { ApiErrors } from '../common/openapi';
import { SdkConfigResponse } from './dto/sdk-config.response';
import type { Exposure, ExposuresResponse } from '@verdict/shared';
import type { FastifyReply } from 'fastify';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';
import { jsonBodyConfig } from '../common/json-body';
import { MAX_BATCH_ITEMS } from '../common/limits';
import { attributesProblem, idProblem, isPlainObject, unknownFields } from '../common/request-validation';
import { parseRfc3339, RFC3339_REASON } from '../common/rfc3339';
import { AllowSdk } from '../common/allow-sdk.decorator';
import { ExposuresRequestDto, ExposuresResponseDto } from './dto/assignment.dto';
import { ExposuresService } from './exposures.service';
import { SdkConfigService } from './sdk-config.service';

// POST /assignments is served natively by Fastify (assign.route.ts): the hot path skips Nest's router.
@ApiTags('assignments')
@ApiErrors(401, 403)
@Controller()
export class AssignmentsController {
  constructor(
    private readonly exposures: ExposuresService,
    private readonly sdkConfig: SdkConfigService,
  ) {}

  @Get('sdk/config')
  @AllowSdk()
  @ApiOperation({ summary: 'Running and paused experiments for local evaluation (ETag / If-None-Match → 304)' })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiOkResponse({ type: SdkConfigResponse, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag given in If-None-Match' })
  async config(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const { etag, config } = await this.sdkConfig.current();
    void reply.header('ETag', etag).header('Cache-Control', 'no-cache');
    if (ifNoneMatch && matchesEtag(ifNoneMatch, etag)) {
      await reply.status(304).send();
      return;
    }
    await reply.status(200).send(config);
  }

  @Post('exposures')
  @HttpCode(202)
  @AllowSdk()
  @RouteConfig(jsonBodyConfig({ freeFormFields: ['exposures.*.attributes'] }))
  @ApiOperation({ summary: 'Assignments made locally by an SDK: re-checked, stored stickily, the rest rejected' })
  @ApiBody({ type: ExposuresRequestDto })
  @ApiAcceptedResponse({ type: ExposuresResponseDto })
  record(@Body() body: unknown): Promise<ExposuresResponse> {
    return this.exposures.record(parseExposures(body));
  }
}

const EXPOSURE_FIELDS = ['experimentKey', 'unitId', 'variantKey', 'attributes', 'assignedAt'];

function parseExposures(body: unknown): Exposure[] {
  if (!isPlainObject(body)) throw new InvalidFieldError([{ field: 'body', reason: 'must be a JSON object' }]);
  const problems: FieldProblem[] = unknownFields(body, ['exposures']);
  const list = body.exposures;
  if (!Array.isArray(list)) {
    throw new InvalidFieldError([...problems, { field: 'exposures', reason: 'must be an array' }]);
  }
  if (list.length < 1 || list.length > MAX_BATCH_ITEMS) {
    throw new InvalidFieldError([...problems, { field: 'exposures', reason: `must contain 1 to ${MAX_BATCH_ITEMS} exposures` }]);
  }
  list.forEach((item: unknown, i) => {
    const at = `exposures[${i}]`;
    if (!isPlainObject(item)) return problems.push({ field: at, reason: 'must be an object' });
    problems.push(...unknownFields(item, EXPOSURE_FIELDS, `${at}.`));
    for (const field of ['experimentKey', 'unitId', 'variantKey'] as const) {
      const reason = idProblem(item[field]);
      if (reason) problems.push({ field: `${at}.${field}`, reason });
    }
    const attrProblem = attributesProblem(item.attributes);
    if (attrProblem) problems.push({ field: `${at}.attributes`, reason: attrProblem });
    if (item.assignedAt !== undefined && parseRfc3339(item.assignedAt) === null) {
      problems.push({ field: `${at}.assignedAt`, reason: RFC3339_REASON });
    }
  });
  if (problems.length) throw new InvalidFieldError(problems.slice(0, 50));
  return list as Exposure[];
}
