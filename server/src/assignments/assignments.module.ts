import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UnitsModule } from '../units/units.module';
import { AssignRoute } from './assign.route';
import { AssignmentWriter } from './assignment-writer.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsQuery } from './assignments.query';
import { AssignmentsService } from './assignments.service';
import { ExperimentConfigQuery } from './experiment-config.query';
import { ExperimentConfigService } from './experiment-config.service';
import { ExposuresService } from './exposures.service';
import { SdkConfigService } from './sdk-config.service';

/** POST /assignments (a native Fastify route, see assign.route.ts), GET /sdk/config, POST /exposures. */
@Module({
  imports: [AuthModule, UnitsModule],
  controllers: [AssignmentsController],
  providers: [
    ExperimentConfigQuery,
    ExperimentConfigService,
    AssignmentsQuery,
    AssignmentWriter,
    AssignmentsService,
    AssignRoute,
    ExposuresService,
    SdkConfigService,
  ],
})
export class AssignmentsModule {}
