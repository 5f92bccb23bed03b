import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('serves a loaded value until it expires, then loads again', async () => {
    const cache = new TtlCache<string, number>(50);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 70));
    expect(await cache.get('a', load)).toBe(2);
  });

  it('shares one load between concurrent misses', async () => {
    const cache = new TtlCache<string, number>(1000);
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 10));
    expect(await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<string, number>(1000);
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', async () => 7)).toBe(7);
  });

  it('stays bounded', async () => {
    const cache = new TtlCache<number, number>(1000, 3);
    let loads = 0;
    for (let i = 0; i < 4; i++) await cache.get(i, async () => ++loads);
    // The fourth key cleared the full cache: key 0 is loaded again.
    expect(await cache.get(0, async () => ++loads)).toBe(5);
  });
});
