import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { ApiKey, ApiKeyScope, CreatedApiKey, Page } from '@verdict/shared';
import { NotFoundError } from '../common/domain-error';
import { Change, ChangeListener, ChangeNotifications } from '../database/change-notifications';
import { ApiKeyEntity } from './api-key.entity';
import { Principal } from './principal';
import { generateToken, hashToken } from './token-hash';

/**
 * How long a key lookup (found or not) is trusted at most. A safety net only: a revocation
 * drops the entry on every instance as it commits.
 */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX_ENTRIES = 10_000;
/** `last_used_at` is written at most this often per key, off the request path. */
const LAST_USED_EVERY_MS = 60_000;

interface CacheEntry {
  principal: Principal | null;
  expiresAt: number;
}

@Injectable()
export class ApiKeysService implements ChangeListener {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    changes: ChangeNotifications,
  ) {
    changes.register(this);
  }

  changed(change: Change): void {
    if (change.table === 'api_keys') this.cache.delete(change.key);
  }

  reset(): void {
    this.cache.clear();
  }

  async create(name: string, scope: ApiKeyScope): Promise<CreatedApiKey> {
    const key = generateToken(scope === 'sdk' ? 'vsdk' : 'vkey');
    const saved = await this.keys.save(this.keys.create({ name, scope, keyHash: hashToken(key) }));
    return { ...toApiKey(saved), key };
  }

  async list(limit: number, offset: number): Promise<Page<ApiKey>> {
    const [rows, total] = await this.keys.findAndCount({
      where: { revokedAt: IsNull() },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toApiKey), total };
  }

  async revoke(id: string): Promise<void> {
    const key = await this.keys.findOne({ where: { id, revokedAt: IsNull() } });
    if (!key) throw new NotFoundError('API key', id);
    key.revokedAt = new Date();
    await this.keys.save(key);
    this.cache.delete(key.keyHash);
  }

  /** The principal of a key (by its hash), or null when unknown or revoked. Cached briefly: the guard calls it on every request. */
  async resolve(tokenHash: string): Promise<Principal | null> {
    const now = Date.now();
    const cached = this.cache.get(tokenHash);
    if (cached && cached.expiresAt > now) {
      if (cached.principal) this.touch(cached.principal, now);
      return cached.principal;
    }
    const key = await this.keys.findOne({ where: { keyHash: tokenHash, revokedAt: IsNull() } });
    const principal: Principal | null = key ? { scope: key.scope, keyId: key.id, actor: key.name } : null;
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(tokenHash, { principal, expiresAt: now + CACHE_TTL_MS });
    if (principal) this.touch(principal, now);
    return principal;
  }

  private touch(principal: Principal, now: number): void {
    const id = principal.keyId;
    if (!id || (this.lastUsedWritten.get(id) ?? 0) > now - LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(id, now);
    void this.keys.update({ id }, { lastUsedAt: new Date(now) }).catch(() => undefined);
  }
}

function toApiKey(key: ApiKeyEntity): ApiKey {
  return {
    id: key.id,
    name: key.name,
    scope: key.scope,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
