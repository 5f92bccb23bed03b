import { Module } from '@nestjs/common';
import { UnitDeletionService } from './unit-deletion.service';
import { UnitsController } from './units.controller';

/** `DELETE /units/:unitId`: erasing one unit's data (docs/api.md, "Deleting a unit"). */
@Module({ controllers: [UnitsController], providers: [UnitDeletionService] })
export class UnitsModule {}
