import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'verdict:public';
/** No bearer key needed (health, API docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
