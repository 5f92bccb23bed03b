import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UnitAttributes, UnitDeletion, UnitsResponse } from '@verdict/shared';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { AllowSdk } from '../common/allow-sdk.decorator';
import { FieldProblem, InvalidFieldError } from '../common/domain-error';
import { jsonBodyConfig } from '../common/json-body';
import { MAX_BATCH_ITEMS } from '../common/limits';
import { ApiErrors } from '../common/openapi';
import { attributesProblem, idProblem, isPlainObject, unknownFields } from '../common/request-validation';
import { MinRole } from '../common/roles.decorator';
import { UnitDeletionResponse } from './dto/unit-deletion.response';
import { UnitsRequestDto, UnitsResponseDto } from './dto/units.dto';
import { UnitDeletionService } from './unit-deletion.service';
import { UnitsQuery } from './units.query';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly deletion: UnitDeletionService,
    private readonly units: UnitsQuery,
  ) {}

  @Post()
  @HttpCode(202)
  @AllowSdk()
  @RouteConfig(jsonBodyConfig({ freeFormFields: ['units.*.attributes'] }))
  @ApiOperation({ summary: 'Set the current attributes of 1 to 1,000 units (each replaces the previous ones)' })
  @ApiBody({ type: UnitsRequestDto })
  @ApiAcceptedResponse({ type: UnitsResponseDto })
  @ApiErrors(400, 401, 403)
  async upsert(@Body() body: unknown): Promise<UnitsResponse> {
    const units = parseUnits(body);
    await this.units.upsert(units);
    return { accepted: units.length };
  }

  @Delete(':unitId')
  @MinRole('admin')
  @HttpCode(200)
  @ApiErrors(401, 403)
  @ApiOkResponse({ type: UnitDeletionResponse, description: 'How many rows of the unit were deleted' })
  remove(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal): Promise<UnitDeletion> {
    return this.deletion.delete(unitId, principal.actor);
  }
}

/** The body of POST /units, or a 400 naming every wrong field. */
function parseUnits(body: unknown): UnitAttributes[] {
  if (!isPlainObject(body)) throw new InvalidFieldError([{ field: 'body', reason: 'must be a JSON object' }]);
  const problems: FieldProblem[] = unknownFields(body, ['units']);
  const list = body.units;
  if (!Array.isArray(list)) throw new InvalidFieldError([...problems, { field: 'units', reason: 'must be an array' }]);
  if (list.length < 1 || list.length > MAX_BATCH_ITEMS) {
    throw new InvalidFieldError([...problems, { field: 'units', reason: `must contain 1 to ${MAX_BATCH_ITEMS} units (got ${list.length})` }]);
  }
  list.forEach((item: unknown, i) => {
    const at = `units[${i}]`;
    if (!isPlainObject(item)) return problems.push({ field: at, reason: 'must be an object' });
    problems.push(...unknownFields(item, ['unitId', 'attributes'], `${at}.`));
    const idReason = idProblem(item.unitId);
    if (idReason) problems.push({ field: `${at}.unitId`, reason: idReason });
    const attrReason = item.attributes === undefined ? 'is required' : attributesProblem(item.attributes);
    if (attrReason) problems.push({ field: `${at}.attributes`, reason: attrReason });
  });
  if (problems.length) throw new InvalidFieldError(problems);
  return list as UnitAttributes[];
}
