"""Read replicas: reads go to the "replica" alias, writes to "default".

Enabled by ``DATABASE_REPLICA_URL`` (settings add the "replica" alias and this
router). Rules:
- every write goes to "default";
- a read goes to "replica", except inside a transaction on "default"
  (``atomic`` blocks, ``ATOMIC_REQUESTS``): a service that reads what it is
  about to change must see the primary, never a lagging copy;
- a read goes to "default" while the replica cannot be reached, once the
  current request has written anything (what it reads next, a count or a list
  after its insert, must include it), or while the person of the current request
  has written something the replica has not replayed yet (read-your-writes:
  hotgigs/read_your_writes.py);
- relations between objects from either alias are allowed (same data);
- migrations run on "default" only (the replica follows by replication).

Several replicas: point "replica" at a pooler or a load balancer in front of
them (pgbouncer, HAProxy), so this router keeps one read alias.
"""

from django.db import connections

from hotgigs import read_your_writes

PRIMARY = "default"
REPLICA = "replica"
ALIASES = {PRIMARY, REPLICA}


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if REPLICA not in connections.settings:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if read_your_writes.must_read_primary():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        read_your_writes.note_write()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        if obj1._state.db in ALIASES and obj2._state.db in ALIASES:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
