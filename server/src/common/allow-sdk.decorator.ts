import { SetMetadata } from '@nestjs/common';
import { ACCESS, type Access } from './roles.decorator';

/** The application routes (assignments, exposures, events, sdk config): `sdk` and `admin` keys only. */
export const AllowSdk = () => SetMetadata(ACCESS, 'sdk' satisfies Access);
