import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class BreakdownQueryDto {
  @ApiPropertyOptional({ example: 'attribute:plan', description: 'attribute:NAME: rows by the 20 most frequent values of one assignment attribute' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  by?: string;
}

export class ResultsQueryDto {
  @ApiPropertyOptional({ example: 'smb', description: 'Count the steps on this cohort only (exploratory; the verdict stays the experiment’s)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cohort?: string;
}
