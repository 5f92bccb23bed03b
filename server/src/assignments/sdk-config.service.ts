import { Injectable } from '@nestjs/common';
import type { SdkConfig, SdkExperimentConfig } from '@verdict/shared';
import { createHash } from 'node:crypto';
import { ExperimentConfigService } from './experiment-config.service';

export interface VersionedSdkConfig {
  etag: string;
  config: SdkConfig;
}

/** GET /sdk/config: running and paused experiments as the SDK evaluates them, versioned by content. */
@Injectable()
export class SdkConfigService {
  constructor(private readonly configs: ExperimentConfigService) {}

  async current(): Promise<VersionedSdkConfig> {
    const experiments: SdkExperimentConfig[] = (await this.configs.listLive()).map((e) => ({
      key: e.key,
      seed: e.seed,
      status: e.status,
      variants: e.variants,
      coverage: e.coverage,
      targeting: e.targeting,
      forcedVariants: e.forcedVariants,
    }));
    // The version hashes the content only, so every instance computes the same ETag.
    const version = createHash('sha256').update(JSON.stringify(experiments)).digest('base64url').slice(0, 27);
    return { etag: `"${version}"`, config: { version, generatedAt: new Date().toISOString(), experiments } };
  }
}
