import { Module } from '@nestjs/common';
import { UnitDeletionService } from './unit-deletion.service';
import { UnitsController } from './units.controller';
import { UnitsQuery } from './units.query';

/** `POST /units` (current attributes) and `DELETE /units/:unitId` (erasure): docs/api.md, "Units". */
@Module({ controllers: [UnitsController], providers: [UnitDeletionService, UnitsQuery], exports: [UnitsQuery] })
export class UnitsModule {}
