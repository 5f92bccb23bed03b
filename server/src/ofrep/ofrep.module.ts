import { Module } from '@nestjs/common';
import { AssignmentsModule } from '../assignments/assignments.module';
import { AuthModule } from '../auth/auth.module';
import { OfrepRoutes } from './ofrep.routes';
import { OfrepService } from './ofrep.service';

/** POST /ofrep/v1/evaluate/flags/{key} and /ofrep/v1/evaluate/flags (native Fastify routes, see ofrep.routes.ts). */
@Module({
  imports: [AuthModule, AssignmentsModule],
  providers: [OfrepService, OfrepRoutes],
})
export class OfrepModule {}
