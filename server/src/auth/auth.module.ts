import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminTokenService } from './admin-token.service';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { MeController } from './me.controller';
import { SettingsQuery } from './settings.query';

/** Bearer auth for every route (global guard), API keys and the admin token. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  controllers: [ApiKeysController, MeController],
  providers: [SettingsQuery, AdminTokenService, ApiKeysService, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService, SettingsQuery],
})
export class AuthModule {}
