"""The Redis cache of a test process running beside others (`pytest -n`, pytest-xdist).

The test processes share one Redis database (REDIS_URL), and every test starts by clearing the
cache (tests/conftest.py), which Django's RedisCache does with FLUSHDB: one process would wipe
the throttle counters another's test is counting. config/settings/test.py gives each process a
KEY_PREFIX of its own (its xdist worker id) and this backend, whose `clear()` deletes only the
keys under that prefix. Everything else is Django's RedisCache, as in production.
"""

from django.core.cache.backends.redis import RedisCache


class WorkerRedisCache(RedisCache):
    def clear(self) -> bool:
        client = self._cache.get_client(None, write=True)
        # Django's keys are "<KEY_PREFIX>:<version>:<key>": every version of this process's keys.
        keys = list(client.scan_iter(match=f"{self.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return True
