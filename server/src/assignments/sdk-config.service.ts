import { Injectable } from '@nestjs/common';
import { hashUnitId, SdkConfig, SdkExperimentConfig, unitIdTag } from '@verdict/shared';
import { createHash, randomBytes } from 'node:crypto';
import { SettingsQuery } from '../auth/settings.query';
import type { LiveExperiment } from './experiment-config.query';
import { ExperimentConfigService } from './experiment-config.service';

export interface VersionedSdkConfig {
  etag: string;
  config: SdkConfig;
}

/** The settings row holding this deployment's salt of hashed unit ids. */
export const CONFIG_SALT_SETTING = 'sdk_config_salt';

type HashedConfig = Omit<VersionedSdkConfig['config'], 'generatedAt'> & { etag: string };

/**
 * GET /sdk/config: running and paused experiments as the SDK evaluates them, versioned by
 * content. sdk keys may ship to browsers, so unit ids never appear in clear: focus-group
 * members and forced-variant ids are sent as `hashUnitId(configSalt, id)` (docs/sdk.md).
 */
@Injectable()
export class SdkConfigService {
  private salt: Promise<string> | null = null;
  // The hashed form of each live list (the list is cached for about a second and reused).
  private readonly hashed = new WeakMap<LiveExperiment[], HashedConfig>();

  constructor(
    private readonly configs: ExperimentConfigService,
    private readonly settings: SettingsQuery,
  ) {}

  async current(): Promise<VersionedSdkConfig> {
    const live = await this.configs.listLive();
    let hashed = this.hashed.get(live);
    if (!hashed) {
      hashed = hashConfig(live, await this.configSalt());
      this.hashed.set(live, hashed);
    }
    const { etag, ...config } = hashed;
    return { etag, config: { ...config, generatedAt: new Date().toISOString() } };
  }

  /** The deployment's salt: made once by whichever instance asks first, kept in PostgreSQL. */
  configSalt(): Promise<string> {
    if (!this.salt) {
      this.salt = this.loadSalt();
      this.salt.catch(() => (this.salt = null));
    }
    return this.salt;
  }

  private async loadSalt(): Promise<string> {
    await this.settings.insertIfAbsent(CONFIG_SALT_SETTING, randomBytes(16).toString('hex'));
    return (await this.settings.get(CONFIG_SALT_SETTING))!;
  }
}

function hashConfig(live: LiveExperiment[], configSalt: string): HashedConfig {
  const tags = new Set<number>();
  const hash = (unitId: string) => {
    tags.add(unitIdTag(configSalt, unitId));
    return hashUnitId(configSalt, unitId);
  };
  const experiments: SdkExperimentConfig[] = live.map((e) => ({
    key: e.key,
    seed: e.seed,
    status: e.status,
    variants: e.variants,
    coverage: e.coverage,
    targeting: e.targeting.map((cohort) => ({ key: cohort.key, rules: cohort.rules, members: cohort.members.map(hash) })),
    forcedVariants: Object.fromEntries(Object.entries(e.forcedVariants).map(([unitId, variant]) => [hash(unitId), variant])),
  }));
  const unitIdTags = [...tags].sort((a, b) => a - b);
  // The version hashes the content only, so every instance computes the same ETag.
  const version = createHash('sha256')
    .update(JSON.stringify({ configSalt, unitIdTags, experiments }))
    .digest('base64url')
    .slice(0, 27);
  return { etag: `"${version}"`, version, configSalt, unitIdTags, experiments };
}
