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
import { SettingEntity } from './setting.entity';

/** Bearer auth for every route (global guard), API keys and the admin token. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity, SettingEntity])],
  controllers: [ApiKeysController, MeController],
  providers: [AdminTokenService, ApiKeysService, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiKeysService, AuthService],
})
export class AuthModule {}
