import { SetMetadata } from '@nestjs/common';

export const ALLOW_SDK = 'verdict:allow-sdk';
/** Keys of scope `sdk` may call this route (assignments, exposures, events, sdk config); every other route needs `admin`. */
export const AllowSdk = () => SetMetadata(ALLOW_SDK, true);
