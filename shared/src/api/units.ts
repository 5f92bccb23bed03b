// Units (customers) and their current attributes (docs/api.md, "Units").
import type { Attributes } from './common';

export interface UnitAttributes {
  unitId: string;
  /** Replace the unit's previous attributes whole (latest wins). */
  attributes: Attributes;
}
export interface UnitsRequest {
  units: UnitAttributes[];
}
export interface UnitsResponse {
  accepted: number;
}
