#!/bin/bash
# Healthy when the node is in the Primary component and Synced, or donating a state
# transfer (mariabackup SST does not block it): it takes reads and writes.
state="$(mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -umysql --connect-timeout=3 -N -B -e "
  SELECT CONCAT((SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                  WHERE VARIABLE_NAME = 'WSREP_LOCAL_STATE_COMMENT'), ' ',
                (SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS
                  WHERE VARIABLE_NAME = 'WSREP_CLUSTER_STATUS'))" 2>/dev/null)"
case "${state}" in
  "Synced Primary" | "Donor/Desynced Primary") ;;
  *) echo "not ready: ${state:-no answer}"; exit 1 ;;
esac
