import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { UnitDeletion } from '@verdict/shared';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { MinRole } from '../common/roles.decorator';
import { ApiErrors } from '../common/openapi';
import { UnitDeletionResponse } from './dto/unit-deletion.response';
import { UnitDeletionService } from './unit-deletion.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly deletion: UnitDeletionService) {}

  @Delete(':unitId')
  @MinRole('admin')
  @HttpCode(200)
  @ApiErrors(401, 403)
  @ApiOkResponse({ type: UnitDeletionResponse, description: 'How many rows of the unit were deleted' })
  remove(@Param('unitId') unitId: string, @CurrentPrincipal() principal: Principal): Promise<UnitDeletion> {
    return this.deletion.delete(unitId, principal.actor);
  }
}
