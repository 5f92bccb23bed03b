import { DynamicModule, Global, Module } from '@nestjs/common';
import { ENV, Env } from './env';

/** The validated environment, injectable everywhere as `ENV`. */
@Global()
@Module({})
export class EnvModule {
  static forRoot(env: Env): DynamicModule {
    return { module: EnvModule, providers: [{ provide: ENV, useValue: env }], exports: [ENV] };
  }
}
