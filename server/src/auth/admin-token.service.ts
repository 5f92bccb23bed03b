import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ENV, Env } from '../config/env';
import { SettingsQuery } from './settings.query';
import { generateToken, hashToken, sameHash } from './token-hash';

export const ADMIN_TOKEN_SETTING = 'admin_token_sha256';

/**
 * The admin token: `VERDICT_ADMIN_TOKEN` when set. Otherwise the first boot generates one,
 * prints it once and stores only its hash, so a restart (or another instance) keeps accepting it.
 */
@Injectable()
export class AdminTokenService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminToken');
  private adminHash: string | null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly settings: SettingsQuery,
  ) {
    this.adminHash = env.adminToken ? hashToken(env.adminToken) : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.adminToken) return;
    const token = generateToken('vadm');
    // ON CONFLICT: when two instances boot at once, one token wins and both use it.
    if (await this.settings.insertIfAbsent(ADMIN_TOKEN_SETTING, hashToken(token))) {
      // Printed to stdout once, on purpose: this is the only time the token exists in clear.
      console.log(
        [
          '',
          'VERDICT_ADMIN_TOKEN was not set, so an admin token was generated. It is shown this once:',
          `  ${token}`,
          'Keep it: restarts keep accepting it (only its hash is stored). Set VERDICT_ADMIN_TOKEN to use your own.',
          '',
        ].join('\n'),
      );
    } else {
      this.logger.log('Using the admin token generated at first boot (VERDICT_ADMIN_TOKEN is not set)');
    }
    this.adminHash = await this.settings.get(ADMIN_TOKEN_SETTING);
  }

  isAdmin(tokenHash: string): boolean {
    return this.adminHash !== null && sameHash(this.adminHash, tokenHash);
  }
}
