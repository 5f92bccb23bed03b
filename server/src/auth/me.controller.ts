import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Me } from '@verdict/shared';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { ApiErrors } from '../common/openapi';
import { MeResponse } from './dto/api-key.response';
import { AnyKey } from '../common/roles.decorator';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @AnyKey()
  @ApiErrors(401)
  @ApiOkResponse({ type: MeResponse, description: 'The calling key; the console shows it and hides what the scope may not do' })
  me(@CurrentPrincipal() principal: Principal): Me {
    return { name: principal.actor, scope: principal.scope };
  }
}
