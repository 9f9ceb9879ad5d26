"""The worker tests' harness (workers.py), for every test under tests/marketplace/ that runs a
real Celery worker: `broker_url`, `workers`, `own_redis`, `webhook_receiver`."""

from .workers import broker_url, own_redis, webhook_receiver, workers

__all__ = ["broker_url", "own_redis", "webhook_receiver", "workers"]
