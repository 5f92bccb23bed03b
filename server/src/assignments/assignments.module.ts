import { Module } from '@nestjs/common';
import { AssignmentWriter } from './assignment-writer.service';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsService } from './assignments.service';
import { ExperimentConfigService } from './experiment-config.service';
import { ExposuresService } from './exposures.service';
import { SdkConfigService } from './sdk-config.service';

/** POST /assignments, GET /sdk/config, POST /exposures. */
@Module({
  controllers: [AssignmentsController],
  providers: [ExperimentConfigService, AssignmentWriter, AssignmentsService, ExposuresService, SdkConfigService],
  exports: [ExperimentConfigService],
})
export class AssignmentsModule {}
