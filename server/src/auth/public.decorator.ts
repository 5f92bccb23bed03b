import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

export const IS_PUBLIC = 'verdict:public';
/** No bearer key needed (health, API docs). */
export const Public = () =>
  // `security: []` tells the OpenAPI document (and its Authorize button) that no key is needed.
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiOperation({ security: [] }));
