import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Me } from '@verdict/shared';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { AnyKey } from './roles.decorator';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  @Get()
  @AnyKey()
  @ApiOkResponse({ description: '`{name, scope}` of the calling key; the console shows it and hides what the scope may not do' })
  me(@CurrentPrincipal() principal: Principal): Me {
    return { name: principal.actor, scope: principal.scope };
  }
}
