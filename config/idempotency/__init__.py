"""`Idempotency-Key` for the API's creating and transitioning POSTs.

An integrator that lost an answer (a timeout, a dropped connection) sends the same POST again
with the same `Idempotency-Key` and gets the first answer back instead of a second draft, a second
invitation or a second matching run. A key belongs to the user who sent it and lasts
IDEMPOTENCY_KEY_TTL_HOURS (24 by default) after its request succeeded.

- `api.py`: the `idempotent` decorator views put on their POST handlers, and the header's rules;
- `services.py`: claiming a key, replaying or storing its answer, purging expired keys;
- `errors.py`: the refusals (400 a malformed key, 409 a key still in use, 422 a key reused for
  another request).
"""
