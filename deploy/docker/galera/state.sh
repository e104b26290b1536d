#!/bin/bash
# Answers a peer's question on the state port (socat runs this per connection): one
# line, "synced" while this node's mariadbd serves in the Primary component (Synced or
# donating) -- "synced bootstrapped" when it started the cluster, so it holds every
# write set since -- else what the entrypoint wrote: "empty", "recovering", "running",
# or "down UUID SEQNO SAFE".
if /usr/local/bin/galera-health >/dev/null 2>&1; then
  if [[ "$(cat /run/mysqld/galera-decision 2>/dev/null)" == bootstrap ]]; then
    echo synced bootstrapped
  else
    echo synced
  fi
elif [[ -r /run/mysqld/galera-position ]]; then
  cat /run/mysqld/galera-position
else
  echo starting
fi
