import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChangeNotifications } from './change-notifications';
import { SettleChangesInterceptor } from './settle-changes.interceptor';

/** Cache invalidation across instances: the LISTEN connection, and write routes that wait for it. */
@Global()
@Module({
  providers: [ChangeNotifications, { provide: APP_INTERCEPTOR, useClass: SettleChangesInterceptor }],
  exports: [ChangeNotifications],
})
export class ChangeNotificationsModule {}
