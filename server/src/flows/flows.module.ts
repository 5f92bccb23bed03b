import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FlowEntity } from './flow.entity';
import { FlowsController } from './flows.controller';
import { FlowUsageQuery } from './flow-usage.query';
import { FlowsService } from './flows.service';

@Module({
  imports: [TypeOrmModule.forFeature([FlowEntity])],
  controllers: [FlowsController],
  providers: [FlowsService, FlowUsageQuery],
})
export class FlowsModule {}
