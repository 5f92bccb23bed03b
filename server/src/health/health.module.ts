import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthQuery } from './health.query';

@Module({ controllers: [HealthController], providers: [HealthQuery] })
export class HealthModule {}
