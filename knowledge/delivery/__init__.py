"""Delivery: who follows what, and an outbox that reaches each of them once, at a shared pace.

A state machine in the database that knows nothing of Telegram (STYLE.md):

- `models`: the tables (subscribers, subscriptions, broadcasts, deliveries, the pace row).
- `subscriptions`: following and unfollowing, preferences, blocking, chat migration, /forget.
- `outbox`: creating a broadcast or an alert with its deliveries in one statement, claiming
  deliveries under a lease, recording what happened.
- `reports`: pausing, resuming, cancelling, progress figures, recall.
- `roster`: subscribers imported from a CSV and exported to one.
- `audience`: "state:Bihar" and the like, resolved to what they target.
- `pace`: one GCRA row shared by every worker; a 429 moves it forward.
- `drafts`: an admin's /broadcast being composed, step by step (any replica continues it).
- `leases`: one worker at a time reports progress (a lease row the database arbitrates).
- `quiet`: quiet hours and digest times (pure functions of a clock reading).

Every function takes the caller's session and a `now` (seconds since the epoch) and never
commits: the caller owns the transaction, and tests own the clock.
"""
